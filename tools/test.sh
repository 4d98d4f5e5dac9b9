#!/usr/bin/env bash
# Runs every test: the Rust unit, doc and property tests, then the differential
# tests against rez 3.4.0 (installed from PyPI into .venv by tools/venv.sh) and the
# Python package's tests (its wheel built by maturin and installed into .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
PYRER_REZ_PYTHON=$(tools/venv.sh)
export PYRER_REZ_PYTHON
PYRER_WHEEL=$(tools/build_pyrer.sh)   # the Python package: wheel built and installed into .venv
export PYRER_WHEEL
cargo build --release -p pyrer-scanner --example scan -p pyrer-reader --example read
export PYRER_SCAN_BIN="$PWD/target/release/examples/scan"
export PYRER_READ_BIN="$PWD/target/release/examples/read"
cargo test --workspace --release
"$PYRER_REZ_PYTHON" -m pytest tests/ -ra
