"""rez 3.4.0's enumeration of a repository as ``rez env`` does it (families, then their
packages, then each package file's path; nothing loaded): the rez side of pyrer's
benchmarks (``pyrer demo``, ``benches/``). Run as a script in a fresh python, never
imported: ``python _rez_enumerate.py ROOT [--with-imports]``. Prints the packages found,
the wall seconds and the CPU seconds (user + system). The clocks start once rez is
imported, or with ``--with-imports`` at the script's first line, as a user's script sees it.
"""

import time

first_line = time.perf_counter()
import os  # already imported by Python's startup: free

first_cpu = sum(os.times()[:2])
import sys

from rez.package_repository import package_repository_manager

if sys.argv[2:] == ["--with-imports"]:
    start, start_cpu = first_line, first_cpu
else:
    start, start_cpu = time.perf_counter(), sum(os.times()[:2])
repo = package_repository_manager.get_repository(sys.argv[1])
found = 0
for family in repo.iter_package_families():
    for package in repo.iter_packages(family):
        package.filepath
        found += 1
print(found, time.perf_counter() - start, sum(os.times()[:2]) - start_cpu)
