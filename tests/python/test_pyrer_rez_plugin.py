"""The rez plugin (entry point rez.plugins.package_repository:filesystem): opt-in with
PYRER_REZ_PLUGIN=1, stock otherwise; answers like rez's builtin repository, including the
lookup-by-name quirks (docs/enumeration.md ENUM-7); `rez env` gives the same resolve as
stock."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

rez = pytest.importorskip("rez")

from rez.utils.resources import ResourcePool  # noqa: E402
from rezplugins.package_repository import filesystem  # noqa: E402

import pyrer_rez_plugin as rez_plugin  # noqa: E402
from pyrer import _rez_repo  # noqa: E402

BIN = Path(sys.executable).parent


def touch(path: Path, text: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def quirks(tmp_path) -> Path:
    """A root with the listing and lookup quirks of docs/enumeration.md ENUM-3 to ENUM-7."""
    root = tmp_path / "root"
    touch(root / "fam" / "1.0" / "package.py", "name='fam'\nversion='1.0'\n")
    touch(root / "fam" / "2.0" / "package.yaml", "name: fam\nversion: '2.0'\n")
    (root / "fam" / "3.0").mkdir()                      # no package file (EDGE-29)
    (root / "fam" / "4.0").mkdir()
    touch(root / "fam" / ".building4.0")                # building, no package.py: dropped (EDGE-33)
    touch(root / "fam" / "5.0" / "package.py")
    touch(root / "fam" / ".ignore5.0")                  # ignored (EDGE-30)
    touch(root / "fam" / ".hidden" / "package.py")      # EDGE-41
    touch(root / "unv" / "package.py", "name='unv'\n")  # unversioned (EDGE-21)
    touch(root / "unv" / "1.0" / "package.py")          # not listed (unversioned wins)
    (root / "nov" / "_NO_VERSION").mkdir(parents=True)  # EDGE-48
    (root / "empty").mkdir()  # EDGE-20
    touch(root / "dup" / "1.0" / "package.py")
    touch(root / "dup.py", "name='dup'\nversions=['9.0']\n")  # EDGE-14
    touch(root / "both.py", "name='both'\nversions=['1.0']\n")
    touch(root / "both.yaml", "name: both\nversions: ['2.0']\n")  # EDGE-13
    touch(root / "comb.py", "name='comb'\nversions=['1.0', '2.0']\n")
    touch(root / "settings.yaml", "{}\n")  # EDGE-4
    (root / "brk.py").symlink_to(root / "nothere.py")  # EDGE-16
    touch(root / "bad-name" / "1.0" / "package.py")  # EDGE-8
    return root


NAMES = ["fam", "unv", "nov", "empty", "dup", "both", "comb", "settings", "brk", "missing"]


def view(repo, names=NAMES):
    out: dict = {}
    for name in names:
        try:
            fam = repo.get_package_family(name)
            if fam is None:
                out[name] = None
                continue
            pkgs = sorted((str(p.get("version")), p.uri) for p in repo.iter_packages(fam))
            files = sorted(str(repo._get_file(p.path)[0]) for p in repo.iter_packages(fam)
                           if fam.key == filesystem.FileSystemPackageFamilyResource.key)
            out[name] = (fam.key, fam.name, fam.get("ext"), pkgs, files)
        except Exception as err:  # where rez raises, both must raise alike
            out[name] = ("raises", type(err).__name__)
    out["families"] = sorted((f.key, f.name, f.get("ext")) for f in repo.iter_package_families())
    return out


def pair(root: Path):
    stock = filesystem.FileSystemPackageRepository(str(root), ResourcePool(cache_size=None))
    ours = _rez_repo.repository_class()(str(root), ResourcePool(cache_size=None))
    return stock, ours


def test_answers_like_rez(quirks):
    stock, ours = pair(quirks)
    assert view(ours) == view(stock)
    # the scans answered: one per family looked up, one listing
    assert ours._pyrer_families["fam"].answers("fam")
    assert ours._pyrer_families["fam"].family("fam").versions
    assert ours._pyrer_listing is not None and ours._pyrer_listing.ok
    with pytest.raises(Exception) as a:
        stock.get_package_family("bad-name")
    with pytest.raises(type(a.value)):
        ours.get_package_family("bad-name")


def test_answers_like_rez_after_a_listing(quirks):
    """Lookups served from a whole-root listing keep lookup semantics (ENUM-7)."""
    stock, ours = pair(quirks)
    listed = sorted((f.key, f.name, f.get("ext")) for f in ours.iter_package_families())
    assert listed == sorted((f.key, f.name, f.get("ext")) for f in stock.iter_package_families())
    assert ("filesystem.family", "empty", None) in listed  # empty families are listed
    scans = type(ours).pyrer_scans
    assert view(ours) == view(stock)
    # directories came from the listing; only the other names needed a lookup scan
    dirs = {"fam", "unv", "nov", "empty", "dup"}
    assert type(ours).pyrer_scans - scans == len(set(NAMES) - dirs)


def test_prefetch_reads_the_family_files(quirks, monkeypatch):
    submitted: list = []
    monkeypatch.setattr(_rez_repo._prefetch, "submit", submitted.append)
    monkeypatch.setattr(_rez_repo._prefetch, "FIRST", 3)  # 3.0 (no file), 2.0, 1.0
    _, ours = pair(quirks)
    ours.get_package_family("fam")
    assert submitted == [[str(quirks / "fam" / v / f) for v, f in
                          (("2.0", "package.yaml"), ("1.0", "package.py"))]]
    from pyrer import _native

    files = submitted[0] + [str(quirks / "nothere")]
    assert _native.prefetch(files, 4) == (2, sum(os.path.getsize(f) for f in files[:2]), 1)
    with pytest.raises(ValueError):
        _native.prefetch(files, 0)


def test_newest_first_and_readahead(tmp_path, monkeypatch):
    """Packages come newest first in rez's version order (not byte order), so one
    range's packages are adjacent; each package file rez is about to load starts a
    read of the next AHEAD files, each file read once."""
    versions = ["1", "1.10", "1.9", "2", "10", "9", "1.2.alpha", "not a version!"]
    for v in versions:
        touch(tmp_path / "fam" / v / "package.py")
    (tmp_path / "fam" / "3").mkdir()  # no package file: listed, nothing to read
    submitted: list = []
    monkeypatch.setattr(_rez_repo._prefetch, "submit", submitted.append)
    monkeypatch.setattr(_rez_repo._prefetch, "FIRST", 2)
    monkeypatch.setattr(_rez_repo._prefetch, "AHEAD", 3)
    stock, ours = pair(tmp_path)
    fam = ours.get_package_family("fam")
    newest_first = ["10", "9", "3", "2", "1.10", "1.9", "1.2.alpha", "1", "not a version!"]
    assert [p.get("version") for p in ours.iter_packages(fam)] == newest_first
    assert sorted(p.get("version") for p in stock.iter_packages(stock.get_package_family("fam"))) \
        == sorted(newest_first)

    def files(*vs: str) -> list:
        return [str(tmp_path / "fam" / v / "package.py") for v in vs]

    assert submitted == [files("10", "9")]
    del submitted[:]
    ours.get_file(str(tmp_path / "fam" / "9"))  # what rez asks right before loading 9
    assert submitted == [files("2", "1.10")]  # 3 has no file; 10 and 9 were read already
    ours.get_file(str(tmp_path / "fam" / "1.10"))
    assert submitted[1:] == [files("1.9", "1.2.alpha", "1")]
    ours.get_file(str(tmp_path / "fam" / "1.9"))
    assert submitted[2:] == [files("not a version!")]  # each file is read once
    ours.get_file(str(tmp_path / "fam" / "1"))
    assert submitted[3:] == [[]]


def test_prefetch_switch(monkeypatch):
    from pyrer import _prefetch

    monkeypatch.delenv("PYRER_REZ_PREFETCH", raising=False)
    assert _prefetch.enabled()
    monkeypatch.setenv("PYRER_REZ_PREFETCH", "0")
    assert not _prefetch.enabled()


CHECK_MODE = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from rez.config import config
import test_pyrer_rez_plugin as t
assert config.plugins.package_repository.filesystem.check_package_definition_files is True
assert config.allow_unversioned_packages is False
stock, ours = t.pair(Path(sys.argv[2]))
a, b = t.view(ours), t.view(stock)
assert a == b, (a, b)
assert ours._pyrer_families["fam"].answers("fam") and ours._pyrer_key[0] is True
print("same")
"""


def test_check_mode_and_no_unversioned(quirks, tmp_path):
    """rez's settings (here from a config file: plugin settings cannot be un-overridden
    in-process) reach the scan."""
    cfg = tmp_path / "cfg.py"
    cfg.write_text("allow_unversioned_packages = False\n"
                   "plugins = {'package_repository': {'filesystem': "
                   "{'check_package_definition_files': True}}}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("REZ_")}
    env.update(REZ_DISABLE_HOME_CONFIG="1", REZ_CONFIG_FILE=str(cfg))
    proc = subprocess.run([sys.executable, "-c", CHECK_MODE, str(Path(__file__).parent),
                           str(quirks)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.stdout.strip() == "same", proc.stderr[-3000:]


def test_writes_refresh_the_family(quirks):
    stock, ours = pair(quirks)
    assert view(ours, ["fam"]) == view(stock, ["fam"])
    touch(quirks / "fam" / "6.0" / "package.py")
    ours._on_changed("fam")  # what install_variant / remove_package call
    stock._on_changed("fam")
    assert "6.0" in [v for v, _ in view(ours, ["fam"])["fam"][3]]
    assert view(ours) == view(stock)
    ours.clear_caches()
    assert not ours._pyrer_families and ours._pyrer_listing is None


def test_register_plugin_is_opt_in(monkeypatch):
    monkeypatch.delenv("PYRER_REZ_PLUGIN", raising=False)
    assert rez_plugin.register_plugin() is filesystem.FileSystemPackageRepository
    monkeypatch.setenv("PYRER_REZ_PLUGIN", "0")
    assert rez_plugin.register_plugin() is filesystem.FileSystemPackageRepository
    monkeypatch.setenv("PYRER_REZ_PLUGIN", "1")
    cls = rez_plugin.register_plugin()
    assert cls is _rez_repo.repository_class()
    assert issubclass(cls, filesystem.FileSystemPackageRepository) and cls.name() == "filesystem"


def test_register_plugin_from_rez_config(tmp_path):
    """rez's optionvars switch the plugin on; PYRER_REZ_PLUGIN=0 wins over them."""
    cfg = tmp_path / "rezconfig.py"
    cfg.write_text("optionvars = {'pyrer': {'rez_plugin': True}}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    env.update(REZ_DISABLE_HOME_CONFIG="1")
    for extra, expected in (({"REZ_CONFIG_FILE": str(cfg)}, "PyrerFileSystemPackageRepository"),
                            ({"REZ_CONFIG_FILE": str(cfg), "PYRER_REZ_PLUGIN": "0"},
                             "FileSystemPackageRepository"),
                            ({"REZ_OPTIONVARS_JSON": '{"pyrer": {"rez_plugin": true}}'},
                             "PyrerFileSystemPackageRepository"),
                            ({}, "FileSystemPackageRepository")):
        out = subprocess.run([sys.executable, "-c", CLASS_OF, str(tmp_path)], capture_output=True,
                             text=True, env=dict(env, **extra), timeout=120)
        assert out.stdout.strip() == expected, (extra, out.stderr)


BROKEN_PYRER = r"""
import sys, warnings
sys.path.insert(0, sys.argv[2])  # a `pyrer` package that cannot be imported
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    from rez.package_repository import package_repository_manager
    print(type(package_repository_manager.get_repository(sys.argv[1])).__name__)
print(any("unavailable" in str(w.message) for w in caught))
"""


def test_a_broken_pyrer_degrades_to_stock(tmp_path):
    """The entry-point module imports even when pyrer itself cannot: rez stays usable."""
    broken = tmp_path / "shadow" / "pyrer"
    touch(broken / "__init__.py", "raise ImportError('simulated broken extension')\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    env.update(REZ_DISABLE_HOME_CONFIG="1", PYRER_REZ_PLUGIN="1")
    out = subprocess.run([sys.executable, "-c", BROKEN_PYRER, str(tmp_path),
                          str(tmp_path / "shadow")], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.stdout.split() == ["FileSystemPackageRepository", "True"], out.stderr


def test_register_plugin_degrades_with_a_warning(monkeypatch):
    monkeypatch.setenv("PYRER_REZ_PLUGIN", "1")

    def broken():
        raise ImportError("simulated")

    monkeypatch.setattr(_rez_repo, "repository_class", broken)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert rez_plugin.register_plugin() is filesystem.FileSystemPackageRepository
    assert any("simulated" in str(w.message) for w in caught)


CLASS_OF = r"""
import sys
from rez.package_repository import package_repository_manager
print(type(package_repository_manager.get_repository(sys.argv[1])).__name__)
"""


def rez_env(env_extra: dict, root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    env.update(REZ_DISABLE_HOME_CONFIG="1", **env_extra)
    return subprocess.run([str(BIN / "rez-env"), "--paths", str(root), *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_rez_env_with_the_plugin(tmp_path):
    """`rez env` with PYRER_REZ_PLUGIN=1 uses pyrer's class and resolves as stock rez does."""
    root = tmp_path / "pkgs"
    for v in ("2.7.18", "3.9.1"):
        touch(root / "python" / v / "package.py", f"name='python'\nversion='{v}'\n")
    touch(root / "tool" / "1.0" / "package.py",
          "name='tool'\nversion='1.0'\nvariants=[['python-2'], ['python-3']]\n")
    touch(root / "lib" / "2.0" / "package.py",
          "name='lib'\nversion='2.0'\nrequires=['tool', 'python-2']\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REZ_", "PYRER_REZ"))}
    for flag, expected in (("1", "PyrerFileSystemPackageRepository"),
                           ("0", "FileSystemPackageRepository")):
        out = subprocess.run([sys.executable, "-c", CLASS_OF, str(root)], capture_output=True,
                             text=True, env=dict(env, PYRER_REZ_PLUGIN=flag,
                                                 REZ_DISABLE_HOME_CONFIG="1"))
        assert out.stdout.strip() == expected, out.stderr
    for request in (["lib"], ["tool"], ["tool", "python-2"], ["lib", "python-3"]):
        runs = [rez_env({"PYRER_REZ_PLUGIN": flag}, root, *request, "--",
                        "printenv", "REZ_USED_RESOLVE") for flag in ("1", "0")]
        assert (runs[0].returncode, runs[0].stdout) == (runs[1].returncode, runs[1].stdout), (
            request, runs[0].stderr, runs[1].stderr)
        if request != ["lib", "python-3"]:
            assert runs[0].returncode == 0 and runs[0].stdout.strip(), runs[0].stderr
