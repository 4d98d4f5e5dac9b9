"""The Python API: the value types, argument checking, errors, backends and
options taken from rez's configuration."""

from __future__ import annotations

import asyncio
import copy
import errno
import json
import os
import pickle
import subprocess
import textwrap
from pathlib import Path

import pytest

import pyrer
from harness import REZ_DEFAULTS


def write(path: Path | bytes, text: str = "name = 'x'\n") -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


@pytest.fixture
def repo(tmp_path) -> Path:
    """One package of each kind, plus a version without a package file."""
    root = tmp_path / "repo"
    write(root / "foo" / "1.0" / "package.py")
    write(root / "foo" / "2.0" / "package.yaml", "name: foo\n")
    write(root / "bar" / "package.py")  # unversioned
    write(root / "combo.py", "versions = ['1.0']\n")  # combined
    (root / "baz" / "1.0").mkdir(parents=True)  # no package file
    return root


def scan(paths, **kwargs):
    return pyrer.scan_repo(paths, **{**REZ_DEFAULTS, **kwargs})


def test_packages_of_every_kind(repo):
    root = str(repo)
    assert list(scan(repo)) == [
        pyrer.ScannedPackage("bar", None, "py", f"{root}/bar/package.py", "unversioned", root),
        pyrer.ScannedPackage("baz", "1.0", None, f"{root}/baz/1.0", "versioned", root),
        pyrer.ScannedPackage("combo", None, "py", f"{root}/combo.py", "combined", root),
        pyrer.ScannedPackage("foo", "1.0", "py", f"{root}/foo/1.0/package.py", "versioned", root),
        pyrer.ScannedPackage("foo", "2.0", "yaml", f"{root}/foo/2.0/package.yaml",
                             "versioned", root),
    ]


def test_scanned_package_is_an_immutable_value(repo):
    result = scan(repo)
    pkg = result[3]
    assert (pkg.family, pkg.version, pkg.format, pkg.kind) == ("foo", "1.0", "py", "versioned")
    twin = pyrer.ScannedPackage(*pkg.__reduce__()[1])
    assert twin == pkg and hash(twin) == hash(pkg) and twin is not pkg
    assert pkg != result[4] and pkg != ("foo",) and len({*result, *scan(repo)}) == len(result)
    with pytest.raises(AttributeError):
        pkg.version = "2.0"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        pkg.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        type("Sub", (pyrer.ScannedPackage,), {})
    assert pyrer.ScannedPackage.__match_args__ == (
        "family", "version", "format", "path", "kind", "root")
    assert eval(repr(pkg), {"ScannedPackage": pyrer.ScannedPackage}) == pkg
    assert repr(pkg).startswith("ScannedPackage(family='foo', version='1.0', format='py', path=")


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickling(repo, tmp_path, protocol):
    write(tmp_path / "bad" / "settings.yaml", "- not a mapping\n")
    result = scan([repo, tmp_path / "bad"], on_error="collect")
    for value in (*result, *result.problems):
        assert pickle.loads(pickle.dumps(value, protocol)) == value
        assert copy.deepcopy(value) == value
    again = pickle.loads(pickle.dumps(result, protocol))
    assert type(again) is pyrer.ScanResult and again == result
    assert (again.problems, again.backend, again.fallback_reason) == (
        result.problems, result.backend, result.fallback_reason)
    with pytest.raises(pyrer.ScanError) as caught:
        scan([repo, tmp_path / "bad"])
    err = pickle.loads(pickle.dumps(caught.value, protocol))
    assert type(err) is pyrer.ScanError and str(err) == str(caught.value)
    assert err.problems == result.problems and err.partial == result


def test_constructors_check_their_arguments():
    with pytest.raises(ValueError, match="kind"):
        pyrer.ScannedPackage("f", None, None, "/p", "weird", "/r")
    with pytest.raises(ValueError, match="format"):
        pyrer.ScannedPackage("f", None, "json", "/p", "versioned", "/r")
    with pytest.raises(TypeError):
        pyrer.ScannedPackage(1, None, None, "/p", "versioned", "/r")  # type: ignore[arg-type]
    problem = pyrer.Problem("/p", "stat", errno.EACCES, "Permission denied")
    assert str(problem) == "stat /p: Permission denied"
    assert repr(problem) == ("Problem(path='/p', operation='stat', errno=13, "
                             "message='Permission denied')")


def test_paths_in_every_form(repo):
    expected = scan(str(repo))
    for paths in (repo, os.fsencode(repo), [repo], (str(repo),), iter([os.fsencode(repo)])):
        assert scan(paths) == expected
    assert {p.root for p in expected} == {str(repo)}
    assert scan([]) == []
    twice = scan([repo, repo])
    assert twice == [*expected, *expected]


def test_non_utf8_names_round_trip(tmp_path):
    root = os.path.join(os.fsencode(tmp_path), b"root-\xff")
    write(os.path.join(root, b"fam", b"1.\xfe", b"package.py"))
    write(os.path.join(root, b"fam", b"2.0", b"package.py"))
    for given in (root, os.fsdecode(root), Path(os.fsdecode(root))):
        first, second = scan(given)
        assert first.root == os.fsdecode(root) and "\udcff" in first.root
        assert first.version == os.fsdecode(b"1.\xfe") == "1.\udcfe"
        assert os.fsencode(first.path) == os.path.join(root, b"fam", b"1.\xfe", b"package.py")
        assert os.path.isfile(first.path) and os.path.isfile(os.fsencode(first.path))
        assert second.version == "2.0"


@pytest.mark.parametrize("kwargs, error, name", [
    (dict(paths=3), TypeError, "paths"),
    (dict(paths=[3]), TypeError, "paths"),
    (dict(paths=["a\0b"]), ValueError, "paths"),
    (dict(paths=["\ud800"]), ValueError, "paths"),
    (dict(backend="fastest"), ValueError, "backend"),
    (dict(backend=None), TypeError, "backend"),
    (dict(check_package_definition_files="yes"), TypeError, "check_package_definition_files"),
    (dict(allow_unversioned_packages=1), TypeError, "allow_unversioned_packages"),
    (dict(disable_pkg_ignore=None), TypeError, "disable_pkg_ignore"),
    (dict(package_filenames="package"), TypeError, "package_filenames"),
    (dict(package_filenames=[b"package"]), TypeError, "package_filenames"),
    (dict(package_filenames=3), TypeError, "package_filenames"),
    (dict(package_filenames=["pack\0age"]), ValueError, "package_filenames"),
    (dict(file_lock_dir="/abs"), ValueError, "file_lock_dir"),
    (dict(file_lock_dir="a/b"), ValueError, "file_lock_dir"),
    (dict(file_lock_dir=3), TypeError, "file_lock_dir"),
    (dict(concurrency=0), ValueError, "concurrency"),
    (dict(concurrency=1_000_000), ValueError, "concurrency"),
    (dict(concurrency="8"), TypeError, "concurrency"),
    (dict(concurrency=True), TypeError, "concurrency"),
    (dict(on_error="ignore"), ValueError, "on_error"),
    (dict(on_error=None), TypeError, "on_error"),
])
def test_bad_arguments_name_themselves(repo, kwargs, error, name):
    kwargs = {"paths": [repo], **kwargs}
    with pytest.raises(error, match=name):
        scan(**kwargs)
    with pytest.raises(TypeError):
        pyrer.scan_repo([repo], "std")  # type: ignore[misc]


@pytest.mark.parametrize("function", ["scan_repo", "scan_repo_async", "load_packages"])
def test_unknown_keywords_are_refused_by_name(repo, function):
    call = getattr(pyrer, function)
    with pytest.raises(TypeError, match=rf"^{function}\(\) got an unexpected keyword argument 'backends'$"):
        result = call([repo], backends="std")
        if function == "scan_repo_async":
            asyncio.run(result)


def test_problems_raise_scan_error_with_the_partial_result(repo, tmp_path):
    bad = tmp_path / "bad"
    (bad / "settings.yaml").mkdir(parents=True)  # rez cannot load it: the root is unusable
    write(bad / "fam" / "1.0" / "package.py")
    with pytest.raises(pyrer.ScanError) as caught:
        scan([repo, bad])
    err = caught.value
    assert isinstance(err, OSError)
    assert [p.operation for p in err.problems] == ["settings"]
    assert err.problems[0].path == str(bad / "settings.yaml")
    assert (err.errno, err.filename) == (errno.EISDIR, str(bad / "settings.yaml"))
    assert str(err).startswith("scan hit a problem: settings ")
    assert err.partial == scan(repo) and err.partial.problems == err.problems

    collected = scan([repo, bad], on_error="collect")
    assert collected == err.partial and collected.problems == err.problems


def test_result_reports_the_backend(repo):
    available = [name for name, reason in pyrer.backends().items() if reason is None]
    assert "std" in available
    for name in available:
        result = scan(repo, backend=name)
        assert (result.backend, result.fallback_reason) == (name, None)
        assert result.scan_seconds > 0 and result.convert_seconds > 0
    auto = scan(repo, backend="auto")
    assert auto.backend == available[-1] or auto.fallback_reason
    assert repr(auto) == f"<ScanResult: 5 packages, 0 problems, backend {auto.backend!r}>"


def test_unavailable_backend(repo, monkeypatch):
    monkeypatch.setenv("PYRER_SCAN_DISABLE_IO_URING", "1")
    reason = pyrer.backends()["io_uring"]
    assert reason and "PYRER_SCAN_DISABLE_IO_URING" in reason
    with pytest.raises(pyrer.BackendUnavailableError, match="io_uring") as caught:
        scan(repo, backend="io_uring")
    assert isinstance(caught.value, OSError)
    auto = scan(repo)
    assert auto.backend == "std" and "PYRER_SCAN_DISABLE_IO_URING" in auto.fallback_reason
    assert auto == scan(repo, backend="std")


REZ_CONFIG = """
allow_unversioned_packages = False
plugins = {"package_repository": {"filesystem": {
    "package_filenames": ["custom", "package"],
    "check_package_definition_files": True,
    "file_lock_dir": "locks",
}}}
"""

SCAN_IN_SUBPROCESS = """
import json, sys
if sys.argv[3] == "no rez":
    sys.modules["rez"] = None  # as where rez is not installed
import pyrer
kwargs = json.loads(sys.argv[2])
print(json.dumps([[p.family, p.version, p.path] for p in pyrer.scan_repo(sys.argv[1], **kwargs)]))
"""


def test_unset_options_come_from_rez_config(tmp_path, rez_python):
    """None means: what rez's configuration says (REZ_CONFIG_FILE, REZ_* variables)."""
    root = tmp_path / "repo"
    write(root / "unversioned" / "package.py")
    write(root / "custom" / "1.0" / "custom.py")  # custom.* wins over package.*
    write(root / "custom" / "1.0" / "package.py")
    write(root / "nofile" / "1.0" / "readme.txt")
    (root / "locks" / "1.0").mkdir(parents=True)  # the lock dir: no family
    config = tmp_path / "rezconfig.py"
    config.write_text(textwrap.dedent(REZ_CONFIG))
    env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
    env.update(REZ_CONFIG_FILE=str(config), REZ_DISABLE_HOME_CONFIG="1")

    def found(kwargs, rez="rez"):
        proc = subprocess.run(
            [rez_python, "-c", SCAN_IN_SUBPROCESS, str(root), json.dumps(kwargs), rez],
            env=env, capture_output=True, text=True, check=True)
        return sorted(os.path.relpath(path, root) for _, _, path in json.loads(proc.stdout))

    assert found({}) == ["custom/1.0/custom.py"]
    assert found(REZ_DEFAULTS) == ["custom/1.0/package.py", "locks/1.0", "nofile/1.0",
                                   "unversioned/package.py"]
    assert found({"allow_unversioned_packages": True}) == ["custom/1.0/custom.py",
                                                           "unversioned/package.py"]
    env["REZ_ALLOW_UNVERSIONED_PACKAGES"] = "1"
    assert found({}) == ["custom/1.0/custom.py", "unversioned/package.py"]
    # Without rez, options left out are rez 3.4.0's defaults, whatever the config says.
    assert found({}, rez="no rez") == found(REZ_DEFAULTS) == [
        "custom/1.0/package.py", "locks/1.0", "nofile/1.0", "unversioned/package.py"]
    assert found({"package_filenames": ["custom"]}, rez="no rez") == [
        "custom/1.0/custom.py", "locks/1.0", "nofile/1.0"]


def test_families_listed_and_looked_up(tmp_path):
    root = tmp_path / "root"
    write(root / "fam" / "1.0" / "package.py")
    (root / "empty").mkdir()
    write(root / "combo.py")
    write(root / "settings.yaml", "{}\n")
    listed = scan(root)
    assert [(f.name, f.format) for f in listed.families] == [
        ("combo", "py"), ("empty", None), ("fam", None)]
    family = listed.families[2]
    assert family == pyrer.ScannedFamily("fam", str(root / "fam"), None, str(root))
    assert (family.name, family.path, family.root) == ("fam", str(root / "fam"), str(root))
    found = scan(root, families=iter(["settings", "empty", "nothere", "fam"]))
    assert [(f.name, os.path.basename(f.path), f.format) for f in found.families] == [
        ("empty", "empty", None), ("fam", "fam", None), ("settings", "settings.yaml", "yaml")]
    assert [(p.family, p.kind) for p in found] == [("fam", "versioned"), ("settings", "combined")]
    assert scan(root, families=[]) == [] and scan(root, families=[]).families == ()


def test_families_argument_errors(tmp_path):
    with pytest.raises(TypeError, match="families"):
        scan(tmp_path, families="fam")
    with pytest.raises(TypeError, match="families"):
        scan(tmp_path, families=[1])
    with pytest.raises(ValueError, match='families.*"a-b" is not a valid rez package name'):
        scan(tmp_path, families=["a-b"])


@pytest.mark.parametrize("backend", ["std", "io_uring"])
def test_roots_that_are_not_directories_are_noted_not_problems(repo, tmp_path, backend):
    """rez lists nothing under them and raises nothing; the result says which and why."""
    if pyrer.backends()[backend] is not None:
        pytest.skip(f"{backend} cannot run here: {pyrer.backends()[backend]}")
    (tmp_path / "file").write_text("")
    roots = [tmp_path / "typo", repo, tmp_path / "file"]
    result = scan(roots, backend=backend)
    assert result == scan(repo, backend=backend) and result.problems == ()
    assert result.absent_roots == (
        pyrer.AbsentRoot(str(tmp_path / "typo"), "does not exist",
                         f"root {tmp_path / 'typo'} does not exist: rez lists no packages there"),
        pyrer.AbsentRoot(str(tmp_path / "file"), "is not a directory",
                         f"root {tmp_path / 'file'} is not a directory: rez lists no packages there"))
    assert str(result.absent_roots[0]) == result.absent_roots[0].message
    assert scan(repo).absent_roots == ()
