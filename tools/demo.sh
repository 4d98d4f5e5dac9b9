#!/usr/bin/env bash
# The main job on the default repository: sets up rez 3.4.0 in .venv, extracts rez's
# bundled benchmark repository (1266 families, 18226 packages), scans it with
# pyrer-scanner, and times the scan side by side with rez's own enumeration and find.
set -euo pipefail
cd "$(dirname "$0")/.."
PYRER_REZ_PYTHON=$(tools/venv.sh)
export PYRER_REZ_PYTHON
cargo run --quiet --release -p pyrer-benches -- --runs 3
