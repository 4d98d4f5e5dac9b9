"""A package repository as rez's own writer writes it, built from another repository.

Released packages are written by ``rez.package_serialise.dump_package_data`` (called by the
filesystem repository's ``_create_variant``), so a studio's repository looks like this, not
like rez's benchmark repository: a coding declaration, ``def commands():``, block-string
descriptions with quotes, backslashes, tabs and non-ASCII text, authors and tools, a uuid,
git revision dicts, wrapped release messages, ``hashed_variants``, rez-pip's attributes
(``help`` links), ``tests``, config scopes and ``@late()`` requires. Local installs (``rez-build -i``) have no ``timestamp``; some old releases
carry old-format data (``release.yaml``); Samba serves CRLF.

``write(source_root, dest, families)`` re-releases the packages of ``families`` (name,
version, requires and variants kept) with every such attribute, cycling through the
variations by package, and returns the paths written. Used by
tests/python/test_rez_written.py; run as a script to build one for measuring::

    .venv/bin/python tests/rez_written.py SOURCE_ROOT DEST [FAMILY ...]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Iterable, List

DESCRIPTION = ('The "{name}" package: a C++ library and its Python bindings.\n'
               "\tPaths such as C:\\studio\\{name} are set by commands().\n"
               "Maintained by the pipeline team \u2014 caf\u00e9 edition.")
COMMANDS = ("env.PATH.append('{root}/bin')\n"
            "env.PYTHONPATH.append('{root}/python')\n"
            "if building:\n"
            "    env.CMAKE_MODULE_PATH.append('{root}/cmake')")


def _data(package, n: int) -> dict:
    """The release data of rez ``package``, the n-th variation."""
    from rez.utils.sourcecode import SourceCode

    name, version = package.name, str(package.version)
    data: dict = {
        "name": name,
        "version": version,
        "description": DESCRIPTION.format(name=name),
        "authors": ["Jane Doe", "John Smith"],
        "tools": [name, f"{name}-config"],
        "uuid": f"0b1c2d3e-{n:04x}-4f5a-9b8c-7d6e5f4a3b2c",
        "commands": SourceCode(COMMANDS),
        "revision": {"branch": "main", "commit": f"{n:040x}",
                     "fetch_url": f"git@git.studio:pipeline/{name}.git",
                     "tracking_branch": "origin/main"},
        "changelog": f"commit {n:x}\nAuthor: Jane Doe\n\n    Fix the \"{name}\" build\\n",
        "release_message": f"Release {name}-{version}: " + "a long message " * 12,
        "previous_version": "0.0.1",
        "timestamp": 1600000000 + n,
        "format_version": 2,
    }
    requires = [str(r) for r in package.requires or []]
    variants = [[str(r) for r in v] for v in package.variants or []]
    if requires:
        data["requires"] = requires
    if variants:
        data["variants"] = variants
    if n % 5 == 1:
        data["hashed_variants"] = bool(variants)
    if n % 5 == 2:
        data.update(pip_name=f"{name} ({version})", from_pip=True, is_pure_python=True,
                    help=[["Home Page", f"https://pypi.org/project/{name}"]])
    if n % 6 == 3:  # the other code attributes
        data["pre_commands"] = SourceCode("env.PRE_{0} = '1'".format(name.upper().replace('.', '_')))
        data["post_commands"] = SourceCode("if not building:\n    info('{0} ready')".format(name))
    if n % 5 == 4:
        data["tests"] = {"unit": {"command": "pytest {root}/tests", "requires": ["pytest-6+"],
                                  "run_on": ["default", "pre_release"]},
                         "lint": "ruff check {root}"}
    if n % 13 == 5 and requires:  # requires computed when resolved
        late = SourceCode(f"return {requires!r}")
        late.decorators = [{"name": "late"}]
        data["requires"] = late
    if n % 5 == 3:
        data["config"] = {"release_hooks": ["emailer"], "build_system": "cmake"}
    if n % 7 == 4:  # a local install
        for key in ("timestamp", "revision", "changelog", "release_message",
                    "previous_version"):
            del data[key]
    return data


def file_alone(path: Path) -> bool:
    """Whether rez's load of ``path`` is that file's data alone: no ``@late`` function and
    no old-format release data merged in (a ``release.yaml`` beside a file without a
    ``timestamp``), as this writer writes them."""
    return "@late()" not in path.read_text() and not (path.parent / "release.yaml").exists()


def write(source_root: str, dest: str, families: Iterable[str]) -> List[Path]:
    """Re-releases the packages of ``families`` under ``dest`` (see the module docs)."""
    from rez.package_serialise import dump_package_data
    from rez.packages import iter_packages

    written = []
    n = 0
    for family in families:
        for package in iter_packages(family, paths=[source_root]):
            data = _data(package, n)
            buf = io.StringIO()
            dump_package_data(data, buf)
            text = buf.getvalue()
            path = Path(dest, package.name, str(package.version), "package.py")
            path.parent.mkdir(parents=True, exist_ok=True)
            if n % 11 == 6:  # served by Samba
                text = text.replace("\n", "\r\n")
            path.write_bytes(text.encode("utf-8"))
            if n % 7 == 4 and n % 2 == 0:  # an old release's data beside a local install
                (path.parent / "release.yaml").write_text(
                    "timestamp: 1300000000\nchangelog: an old release\n")
            written.append(path)
            n += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, target, *names = sys.argv[1:]
    if not names:
        names = sorted(p.name for p in Path(source).iterdir() if p.is_dir())
    print(f"{len(write(source, target, names))} package files written under {target}")
