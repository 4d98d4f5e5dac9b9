#!/usr/bin/env bash
# Creates (once) the project's virtualenv .venv with rez 3.4.0, pytest and hypothesis from PyPI;
# prints its python.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import rez, pytest, hypothesis" 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "rez==3.4.0" pytest "hypothesis==6.170.15" >&2
fi
echo "$venv/bin/python"
