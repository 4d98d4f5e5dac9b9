#!/usr/bin/env bash
# Builds the Python package pyrer (bindings/ + python/) as a wheel with maturin,
# installs it into .venv (with the test tools maturin and mypy), and prints the wheel's path.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
python=$("$here/tools/venv.sh")
venv=$(dirname "$(dirname "$python")")
if ! "$python" -c "import maturin, mypy" 2>/dev/null; then
    "$python" -m pip install --quiet --disable-pip-version-check "maturin>=1.9.4,<2" "mypy>=1.10" >&2
fi
# A target dir of its own: maturin builds with PYO3_BUILD_EXTENSION_MODULE set, and
# sharing target/ with `cargo test --workspace` would rebuild pyo3 on every switch.
cd "$here"
CARGO_TARGET_DIR="$here/target/wheel" "$venv/bin/maturin" build --release --quiet \
    --interpreter "$python" \
    --out "$here/target/wheels" >&2
wheel=$(ls -t "$here"/target/wheels/pyrer-*.whl | head -n 1)
"$python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel" >&2
echo "$wheel"
