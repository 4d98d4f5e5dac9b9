"""Differential test, edge-case trees: the scanner (scan example) against rez 3.4.0
itself on the rows of docs/enumeration.md (EDGE-1 to EDGE-58, built by tests/edge_tree.py),
once per mode of harness.MODES; roots given relative, with ``..``, or holding a
settings.yaml rez cannot load; and the harness's own self-test.

Both sides print JSON lines in the same schema (see ``tools/rez_enumerate.py``);
records ``(root, family, kind, version, path, format)`` are compared as multisets
(rez's default-mode version order depends on ``PYTHONHASHSEED``). Where rez
raises for a family (or a whole root), the scanner must report a *problem* at
that family dir (or root) and still return everything else. The scanner may
report extra problems where rez silently swallows an error (e.g. ``EACCES`` on a
``stat``); the records must still match. Environment: see tests/conftest.py.
"""

from __future__ import annotations

import collections
import os
import subprocess

import pytest

from harness import MODES, SETTINGS_ROOTS, Run, compare, run_rez, run_scan


@pytest.mark.parametrize("mode", list(MODES))
def test_edge_tree(mode, edge, scan_bin, rez_python):
    names, roots, _ = edge
    flags = MODES[mode]
    scan = run_scan(scan_bin, flags, roots)
    rez = run_rez(rez_python, flags, roots)
    compare(mode, scan, rez, names)
    # the tree is meant to exercise things: guard against an empty comparison
    assert sum(rez.records.values()) > 20


def test_mode_effects(edge, scan_bin, rez_python):
    """The flags really change rez's answer (so the modes test different things)."""
    names, roots, _ = edge
    main = [roots[names.index("main")]]
    results = {m: run_rez(rez_python, MODES[m], main).records
               for m in ("default", "check", "filenames", "no-unversioned",
                         "disable-pkg-ignore", "lock-dir", "lock-dir-missing")}
    base = results["default"]
    for mode in ("check", "filenames", "no-unversioned", "disable-pkg-ignore", "lock-dir"):
        assert results[mode] != base, f"--{mode} did not change rez's result"
    assert results["lock-dir-missing"] == base
    assert any(r[1] == "locks" for r in base)
    assert not any(r[1] == "locks" for r in results["lock-dir"])


EXPECTED_SETTINGS_ERRORS = {
    "settings_dir": "IsADirectoryError",
    "settings_dirlink": "IsADirectoryError",
    "settings_bad_yaml": "ParserError",
    "settings_empty": "TypeError",      # yaml.load('') is None; dict.update(None)
    "settings_list": "ValueError",      # dict.update(['a', 'b'])
    "settings_brokenlink": None,        # `exists` is False: not loaded, no error
}


@pytest.mark.parametrize("name", SETTINGS_ROOTS)
def test_settings_yaml_root(name, edge_all, scan_bin, rez_python):
    """EDGE-4 / EDGE-5 (ENUM-3.2): a settings.yaml rez cannot load makes the whole root fail."""
    roots, _ = edge_all
    root = [roots[name]]
    scan = run_scan(scan_bin, [], root)
    rez = run_rez(rez_python, [], root)
    assert [e["type"] for e in rez.issues] == (
        [EXPECTED_SETTINGS_ERRORS[name]] if EXPECTED_SETTINGS_ERRORS[name] else []), rez.issues
    compare(f"settings/{name}", scan, rez, [name])


def test_relative_and_empty_roots(edge, scan_bin, rez_python):
    """EDGE-2 (ENUM-3.1): relative roots and '' are resolved against the current directory."""
    names, roots, base = edge
    main = roots[names.index("main")]
    rel = ["", ".", "../link-root", "../at@root", "foo/..", "foolink/..", "../main/",
           "./files/../misc/.."]
    scan = run_scan(scan_bin, [], rel, cwd=main)
    rez = run_rez(rez_python, [], rel, cwd=main)
    compare("relative roots", scan, rez, rel)


@pytest.mark.parametrize("root", ["fam/..", "no-such-dir/..", "brokenlink/..", "file/..",
                                  "linkaway/.."])
def test_dotdot_roots(root, edge, scan_bin, rez_python):
    """EDGE-2 (ENUM-3.1): rez's manager applies os.path.abspath (a *lexical* normpath) before
    realpath, so `x/..` is the current dir even when `x` is missing, a broken link,
    a file, or a symlink to a dir elsewhere."""
    names, roots, base = edge
    cwd = roots[names.index("dotdot")]
    scan = run_scan(scan_bin, [], [root], cwd=cwd)
    rez = run_rez(rez_python, [], [root], cwd=cwd)
    compare(f"root {root!r} (cwd {os.fsdecode(cwd)})", scan, rez, [root])


def test_invalid_lock_dir(edge, scan_bin, rez_python):
    """EDGE-7 (ENUM-3.4): rez raises ConfigurationError when listing a non-empty root (lazily);
    the scanner rejects the value up front (a documented, deliberate difference)."""
    names, roots, _ = edge
    main = roots[names.index("main")]
    empty = roots[names.index("empty_root")]
    for bad in ("/abs", "a/b"):
        rez = run_rez(rez_python, ["--file-lock-dir", bad], [main, empty])
        assert [(e["root"], e["type"]) for e in rez.issues] == [(0, "ConfigurationError")]
        proc = subprocess.run([str(scan_bin), "--file-lock-dir", bad, "--json", main],
                              capture_output=True)
        assert proc.returncode == 2, proc
        assert b"file_lock_dir" in proc.stderr, proc.stderr


def test_harness_detects_differences():
    """compare() fails on a changed, a missing, a duplicated record and an unmatched error."""
    rec = (0, "foo", "versioned", "1.0", "/r/foo/1.0/package.py", "py")
    good = collections.Counter([rec])
    for scan_records in (collections.Counter([rec[:5] + ("yaml",)]),
                         collections.Counter(),
                         collections.Counter([rec, rec])):
        with pytest.raises(AssertionError, match="records differ"):
            compare("self-test", Run("scanner", [], 0, "", scan_records),
                    Run("rez", [], 0, "", good))
    err = {"root": 0, "family": "bar", "path": "/r/bar", "type": "PermissionError",
           "message": "x"}
    with pytest.raises(AssertionError, match="no problem there"):
        compare("self-test", Run("scanner", [], 0, "", good),
                Run("rez", [], 1, "", good, [err]))
    compare("self-test", Run("scanner", [], 1, "", good, [{"path": "/r/bar"}]),
            Run("rez", [], 1, "", good, [err]))
