"""rez 3.4.0's enumeration of a repository as ``rez env`` does it (families, then their
packages, then each package file's path; nothing loaded): the rez side of pyrer's
benchmarks (``pyrer demo``, ``benches/``). Run as code in a fresh python:
``python -c "$(cat enumerate.py)" ROOT [--with-imports]`` (run as a file, its folder,
pyrer's own modules, would come first on ``sys.path``). Prints the packages found, the wall
seconds and the CPU seconds (user + system). The clocks start once rez is imported, or
with ``--with-imports`` at the script's first line, as a user's script sees it.
"""

import time

FIRST_LINE = time.perf_counter()
import os  # already imported by Python's startup: free

FIRST_CPU = sum(os.times()[:2])
import sys


def main(root: str, with_imports: bool) -> None:
    from rez.package_repository import package_repository_manager

    if with_imports:
        start, start_cpu = FIRST_LINE, FIRST_CPU
    else:
        start, start_cpu = time.perf_counter(), sum(os.times()[:2])
    repo = package_repository_manager.get_repository(root)
    found = 0
    for family in repo.iter_package_families():
        for package in repo.iter_packages(family):
            package.filepath  # type: ignore[attr-defined]  # (a filesystem resource's)
            found += 1
    print(found, time.perf_counter() - start, sum(os.times()[:2]) - start_cpu)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] == ["--with-imports"])
