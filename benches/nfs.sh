#!/usr/bin/env bash
# The NFS-like benchmark: rez 3.4.0's enumeration, GNU find and pyrer-scan's backends read
# the repository through latencyfs, a read-only FUSE passthrough that answers every request
# after 1 ms (64 server threads, 60 s TTLs), mounted fresh for every measurement.
#
#   bash benches/nfs.sh --subset                      # quick: first 100 families, 1566 packages
#   bash benches/nfs.sh --write benches/RESULTS.md    # rez's benchmark repository, 18226 packages
#
# Arguments go to `pyrer-bench --nfs` (see benches/README.md). Needs Linux with /dev/fuse,
# cargo, python3 (3.8+ with venv) and find. As root latencyfs mounts with plain mount(2) and
# needs no FUSE package; other users need fusermount3 (Debian/Ubuntu: fuse3), installed here
# with apt-get when missing. In a container: --device /dev/fuse --cap-add SYS_ADMIN.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -c /dev/fuse ]; then
    modprobe fuse 2>/dev/null || true
fi
if [ ! -c /dev/fuse ]; then
    echo "nfs.sh: /dev/fuse is missing (load the fuse module; in a container pass --device /dev/fuse --cap-add SYS_ADMIN)" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ] && ! command -v fusermount3 >/dev/null && ! command -v fusermount >/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fuse3
fi

PYRER_REZ_PYTHON=$(tools/venv.sh)
export PYRER_REZ_PYTHON
cargo build --quiet --release -p pyrer-scanner --example scan
cargo build --quiet --release -p pyrer-benches
exec target/release/pyrer-bench --nfs "$@"
