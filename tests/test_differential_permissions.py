"""Differential test, permissions (docs/enumeration.md EDGE-52 to EDGE-55, ENUM-8): the
scanner against rez 3.4.0 as an unprivileged user (harness.unprivileged_runner; root
runs the tools through ``setpriv``)."""

from __future__ import annotations

import os
import subprocess

import pytest

import edge_tree
from harness import compare, run_rez, run_scan


@pytest.fixture(scope="session")
def permission_roots(unprivileged):
    roots = edge_tree.build_permission_roots(os.path.join(unprivileged.base, b"tree"))
    # everything above the tree must be traversable by the user
    probe = subprocess.run([*unprivileged.prefix, "/bin/ls", roots["perm_main"]],
                           capture_output=True)
    assert probe.returncode == 0, probe.stderr
    return roots


# roots where rez and the scanner are known to disagree get their own tests below
PERM_ROOTS = ["perm_main", "perm_root000", "perm_root311", "perm_root644", "perm_settings"]


PERM_MODES = {
    "default": [],
    "check": ["--check-package-files"],
    "no-unversioned": ["--no-allow-unversioned"],
    "no-unversioned-check": ["--check-package-files", "--no-allow-unversioned"],
    "filenames": ["--package-filenames", "custom,package"],
    "filenames-check": ["--check-package-files", "--package-filenames", "custom,package"],
}


@pytest.mark.parametrize("mode", list(PERM_MODES))
def test_permission_rows(mode, unprivileged, permission_roots):
    """EDGE-52 to EDGE-55 as an unprivileged user (all roots in one call)."""
    names = PERM_ROOTS
    roots = [permission_roots[n] for n in names]
    u = unprivileged
    flags = PERM_MODES[mode]
    scan = run_scan(u.scan_bin, flags, roots, prefix=u.prefix, env=u.env)
    rez = run_rez(u.python, flags, roots, prefix=u.prefix, env=u.env, dumper=u.dumper)
    # the rows really took effect (i.e. we are not accidentally privileged)
    errs = {(names[e["root"]], e["family"]): e["type"] for e in rez.issues}
    assert errs.get(("perm_main", "fam000")) == "PermissionError", (u.notes, rez.issues)
    assert errs.get(("perm_root000", None)) == "PermissionError", rez.issues
    assert errs.get(("perm_root311", None)) == "PermissionError", rez.issues
    assert errs.get(("perm_settings", None)) == "PermissionError", rez.issues
    compare(f"permissions/{mode} ({'; '.join(u.notes)})", scan, rez, names)


@pytest.mark.parametrize("mode", ["default", "check", "no-unversioned"])
def test_permission_family_644(mode, unprivileged, permission_roots):
    """A family dir that is readable but not searchable (644, EDGE-52 x EDGE-55): rez's
    isdir/isfile inside it all fail silently (ENUM-1.7), so the family has no packages
    and no error."""
    u = unprivileged
    root = [permission_roots["perm_fam644"]]
    scan = run_scan(u.scan_bin, PERM_MODES[mode], root, prefix=u.prefix, env=u.env)
    rez = run_rez(u.python, PERM_MODES[mode], root, prefix=u.prefix, env=u.env,
                  dumper=u.dumper)
    assert not rez.issues, rez.issues
    compare(f"permissions/{mode}/perm_fam644", scan, rez, ["perm_fam644"])


@pytest.mark.parametrize("root_name", ["perm_root644_dirpy", "perm_root644_settings"])
def test_permission_root_644_variants(root_name, unprivileged, permission_roots):
    """EDGE-55 combined with EDGE-9 (a *directory* `dirpy.py`) / EDGE-4 (settings.yaml):
    in a 644 root every isdir/exists fails, so rez sees `dirpy.py` as a combined
    family and does not load settings.yaml."""
    u = unprivileged
    root = [permission_roots[root_name]]
    scan = run_scan(u.scan_bin, [], root, prefix=u.prefix, env=u.env)
    rez = run_rez(u.python, [], root, prefix=u.prefix, env=u.env, dumper=u.dumper)
    assert not rez.issues, rez.issues
    compare(f"permissions/{root_name}", scan, rez, [root_name])


def test_permission_root_644_lock_dir(unprivileged, permission_roots):
    """EDGE-55 x EDGE-6: in a 644 root `exists(root/<lock dir>)` is False for rez,
    so nothing is reserved (ENUM-3.4, ENUM-1.7)."""
    root_name = "perm_root644"
    u = unprivileged
    flags = ["--file-lock-dir", "comb.py"]
    root = [permission_roots[root_name]]
    scan = run_scan(u.scan_bin, flags, root, prefix=u.prefix, env=u.env)
    rez = run_rez(u.python, flags, root, prefix=u.prefix, env=u.env, dumper=u.dumper)
    compare(f"permissions/{root_name}/lock-dir comb.py", scan, rez, [root_name])
