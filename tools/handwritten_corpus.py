#!/usr/bin/env python3
"""Writes tests/handwritten_corpus: package.py files in the styles people write them.

The styles and their proportions were measured on public rez package repositories
(see tests/handwritten_corpus/README.md); every file here is composed from fragments
written for this corpus (invented studio tools, common open-source library names),
none is copied. The mix is that of the measurement, not of what any reader accepts.

Each family gets one "house style" (quotes, coding line, list layout, description
form, how commands() reaches env), as files of one repository share one; each file
gets one top-level category (plain literals, @early, lint_helper import, module-level
platform ``if``, ...) from fixed quotas, and a few per-file traits (no final newline,
CRLF, tabs) also from quotas. Seeded: running it again writes the same files.

    python3 tools/handwritten_corpus.py [DEST]     (default tests/handwritten_corpus)

Only package.py files and the family/version directories are (re)written; README.md
is kept.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

SEED = 340
DEST = Path(__file__).resolve().parent.parent / "tests" / "handwritten_corpus"

# ---------------------------------------------------------------------------
# families: (name, kind, versions)

FAMILIES = [
    # C++ libraries and their bindings
    ("boost", "lib", ["1.70.0", "1.76.0", "1.80.0"]),
    ("tbb", "lib", ["2019.6", "2020.3", "2021.5.0"]),
    ("openexr", "lib", ["2.4.3", "3.1.5"]),
    ("imath", "lib", ["3.1.5", "3.1.6"]),
    ("alembic", "lib", ["1.7.16", "1.8.3"]),
    ("ocio", "lib", ["1.1.1", "2.1.2"]),
    ("oiio", "lib", ["2.2.15", "2.3.21"]),
    ("usd", "lib", ["21.11", "22.05", "22.11"]),
    ("embree", "lib", ["3.13.3", "3.12.2"]),
    ("glew", "lib", ["2.1.0", "2.2.0"]),
    ("ptex", "lib", ["2.3.2", "2.4.1"]),
    ("opensubdiv", "lib", ["3.4.4", "3.5.0"]),
    ("openvdb", "lib", ["8.2.0", "9.1.0"]),
    ("blosc", "lib", ["1.21.1", "1.17.0"]),
    ("zlib", "lib", ["1.2.11", "1.2.13"]),
    ("libpng", "lib", ["1.6.37", "1.6.38"]),
    ("libtiff", "lib", ["4.3.0", "4.4.0"]),
    ("jpeg_turbo", "lib", ["2.1.3"]),
    ("hdf5", "lib", ["1.12.1"]),
    ("eigen", "lib", ["3.4.0", "3.3.9"]),
    ("fmt", "lib", ["8.1.1", "9.1.0"]),
    ("spdlog", "lib", ["1.9.2", "1.10.0"]),
    ("gtest", "lib", ["1.11.0"]),
    ("pybind11", "lib", ["2.9.2", "2.10.1"]),
    ("materialx", "lib", ["1.38.4", "1.38.5"]),
    ("osl", "lib", ["1.11.17", "1.12.6"]),
    ("field3d", "lib", ["1.7.3"]),
    ("lcms", "lib", ["2.13"]),
    ("libraw", "lib", ["0.20.2"]),
    ("openjpeg", "lib", ["2.4.0"]),
    ("yaml_cpp", "lib", ["0.7.0"]),
    ("ilmbase", "lib", ["2.2.1"]),
    # applications and toolchains
    ("maya", "app", ["2020.4", "2022.4", "2023.3"]),
    ("houdini", "app", ["19.0.657", "19.5.403"]),
    ("nuke", "app", ["13.2.4", "14.0.2"]),
    ("katana", "app", ["5.0.4", "6.0.2"]),
    ("mari", "app", ["6.0.2"]),
    ("blender", "app", ["3.3.1", "2.93.9", "3.4.1"]),
    ("rv", "app", ["2022.2.0", "2023.0.1"]),
    ("djv", "app", ["2.0.8"]),
    ("arnold", "app", ["7.1.3.2", "7.0.0.3"]),
    ("renderman", "app", ["24.4", "25.0"]),
    ("cmake", "app", ["3.22.2", "3.24.1"]),
    ("ninja", "app", ["1.11.1", "1.10.2"]),
    ("gcc", "app", ["9.3.1", "6.3.1"]),
    ("devtoolset", "app", ["9"]),
    ("python", "app", ["2.7.18", "3.7.13", "3.9.16"]),
    ("ffmpeg", "app", ["4.4.2", "5.1.2"]),
    ("git", "app", ["2.37.1", "2.39.0"]),
    ("substance_painter", "app", ["8.2.0"]),
    ("clang", "app", ["13.0.1"]),
    ("platform", "sys", ["linux", "windows"]),
    ("arch", "sys", ["x86_64"]),
    ("os", "sys", ["CentOS-7", "Rocky-9"]),
    # python libraries, written by hand
    ("six", "pylib", ["1.16.0", "1.15.0"]),
    ("pyyaml", "pylib", ["5.4.1", "6.0"]),
    ("requests", "pylib", ["2.28.1"]),
    ("qtpy", "pylib", ["2.2.0", "1.11.3"]),
    ("pyside2", "pylib", ["5.15.2"]),
    ("numpy", "pylib", ["1.21.6", "1.23.4"]),
    ("click", "pylib", ["8.1.3", "7.1.2"]),
    ("attrs", "pylib", ["22.1.0"]),
    ("jinja2", "pylib", ["3.1.2"]),
    ("pillow", "pylib", ["9.2.0", "8.4.0"]),
    ("shotgun_api3", "pylib", ["3.3.4"]),
    ("pytest", "pylib", ["7.1.2", "6.2.5"]),
    ("black", "pylib", ["22.6.0"]),
    ("lucidity", "pylib", ["1.6.0"]),
    ("pyblish_base", "pylib", ["1.8.8"]),
    ("qt_py", "pylib", ["1.3.7"]),
    ("markupsafe", "pylib", ["2.1.1"]),
    ("psutil", "pylib", ["5.9.2"]),
    ("pyopengl", "pylib", ["3.1.6"]),
    # python libraries, installed by rez-pip
    ("certifi", "pip", ["2022.9.24"]),
    ("idna", "pip", ["3.4"]),
    ("urllib3", "pip", ["1.26.12"]),
    ("charset_normalizer", "pip", ["2.1.1"]),
    ("platformdirs", "pip", ["2.5.2"]),
    # in-house tools
    ("pipe_core", "tool", ["2.3.1", "2.4.0", "2.5.0"]),
    ("asset_browser", "tool", ["1.4.2", "1.5.0"]),
    ("shotlist", "tool", ["0.9.0", "1.0.0"]),
    ("publish_tools", "tool", ["3.1.0", "3.2.1"]),
    ("lightrig", "tool", ["1.0.3"]),
    ("turntable", "tool", ["2.0.0"]),
    ("scene_checker", "tool", ["1.2.0"]),
    ("render_submit", "tool", ["4.5.2", "4.6.0"]),
    ("cache_manager", "tool", ["0.4.1"]),
    ("review_tools", "tool", ["1.1.0"]),
    ("launcher", "tool", ["2.7.0", "2.8.0", "2.8.1"]),
    ("studio_logging", "tool", ["1.0.0"]),
    ("path_resolver", "tool", ["0.3.2"]),
    ("farm_client", "tool", ["5.0.1", "5.1.0"]),
    ("dailies", "tool", ["1.3.0"]),
    ("texture_tools", "tool", ["0.8.5"]),
    ("rig_utils", "tool", ["2.2.0"]),
    ("anim_export", "tool", ["1.0.1"]),
    ("layout_tools", "tool", ["0.2.0"]),
    ("naming", "tool", ["1.5.0", "1.6.0"]),
    ("ingest", "tool", ["2.0.3", "2.1.0"]),
    ("edl_tools", "tool", ["0.6.0"]),
    ("colour_utils", "tool", ["1.0.2"]),
    ("usd_pipeline", "tool", ["0.5.0"]),
    ("shot_setup", "tool", ["1.9.1", "2.0.0"]),
    ("version_up", "tool", ["0.1.4"]),
    ("rez_helpers", "tool", ["1.2.0"]),
    ("build_utils", "tool", ["1.0.0"]),
    ("sg_events", "tool", ["0.7.2"]),
    ("playblast", "tool", ["3.0.0"]),
    # DCC plug-ins
    ("rigkit_maya", "plugin", ["2.1.0", "2.2.0"]),
    ("scatter_hda", "plugin", ["1.3.2"]),
    ("gizmo_pack", "plugin", ["4.0.0", "4.1.0"]),
    ("ocio_nuke_tools", "plugin", ["1.0.0"]),
    ("mtoa", "plugin", ["5.2.1", "5.3.0"]),
    ("htoa", "plugin", ["6.1.3", "6.2.0"]),
    ("yeti", "plugin", ["4.2.11"]),
    ("lookdev_maya", "plugin", ["0.7.0"]),
    ("hda_library", "plugin", ["2022.10.0"]),
    ("nuke_toolsets", "plugin", ["3.2.0"]),
    ("houdini_shelf", "plugin", ["1.0.0"]),
    ("maya_shelves", "plugin", ["2.0.1"]),
    ("redshift_maya", "plugin", ["3.5.9"]),
    ("golaem", "plugin", ["8.1.3"]),
    ("cryptomatte_nuke", "plugin", ["1.4.0"]),
    # projects, sites and departments
    ("proj_alpha", "project", ["1.0.0", "1.1.0"]),
    ("proj_bluefin", "project", ["2.3.0"]),
    ("show_tnt", "project", ["1.1.0"]),
    ("site_linux", "project", ["1.0.0"]),
    ("studio_env", "project", ["3.0.0", "3.1.0"]),
    ("dept_lighting", "project", ["1.2.0"]),
    ("dept_fx", "project", ["0.9.0"]),
]

# top-level categories: files per category (see the README for the measurement)
QUOTAS = {
    "clean": 96,          # literals, docstrings, comments, plain defs
    "global": 20,         # ... with `global env` etc. in commands()
    "early": 25,          # @early() functions
    "linthelper": 17,     # from rez.utils.lint_helper import env, ...
    "control": 16,        # import platform/sys + module-level if
    "expression": 10,     # "%s" % name, .format(), concatenation at top level
    "galias": 4,          # late = globals()["late"] / early = globals()["early"]
    "py2": 3,             # Python 2 syntax (print statement, except X, e)
    "import_other": 2,    # import os / a helper module at top level
    "late": 2,            # @late() requires
    "scope": 3,           # with scope("config") as c: ...
    "bad_range": 2,       # "platform-*" requirements (rez rejects them)
}

AFFINITY = {
    "clean": {"lib", "app", "pylib", "tool", "plugin", "project", "sys", "pip"},
    "global": {"lib", "app", "pylib", "tool", "plugin", "project"},
    "early": {"lib", "app", "tool", "plugin"},
    "linthelper": {"lib", "app", "tool", "plugin", "pylib"},
    "control": {"lib", "app", "tool"},
    "expression": {"lib", "app", "tool", "plugin"},
    "galias": {"tool", "app", "plugin", "project"},
    "py2": {"tool", "plugin", "lib"},
    "import_other": {"tool", "lib"},
    "late": {"tool", "project"},
    "scope": {"tool", "lib"},
    "bad_range": {"pylib", "app"},
}

# per category, files with each trait (the measured rate of the trait in that category)
TRAIT_QUOTAS = {
    "clean": {"no_final_newline": 3, "crlf": 1, "tabs": 1},
    "global": {"no_final_newline": 3},
    "control": {"no_final_newline": 13},
    "early": {"no_final_newline": 1, "crlf": 2},
    "expression": {"crlf": 1},
    "galias": {"crlf": 4, "no_final_newline": 2},
    "late": {"crlf": 1},
}

# with scope("config") blocks: attribute assignments only, or code (import os, if)
SCOPE_KINDS = ["code", "literal", "code"]

# which function the @early files decorate (measured shares of @early functions)
EARLY_KINDS = (["variants_platform"] * 5 + ["variants_cook"] * 3 + ["variants_expand"]
               + ["variants_python"] + ["build_requires_platform"] * 7
               + ["build_command"] * 3 + ["version_env"] * 2 + ["requires_building"]
               + ["authors_git"] + ["tools_list"])

R = random.Random(SEED)


def pick(*options):
    return R.choice(options)


def chance(p):
    return R.random() < p


# ---------------------------------------------------------------------------
# house style of a family


class Style:
    def __init__(self):
        self.q = '"' if chance(0.75) else "'"
        self.coding = chance(0.45)
        self.banner = R.choices([None, "comment", "docstring"], [85, 12, 3])[0]
        self.multi = chance(0.6)  # lists one item per line
        self.trailing = chance(0.5)
        self.blank = pick(1, 1, 1, 1, 1, 1, 1, 1, 2, 0)
        self.tight = chance(0.04)  # name="x"
        self.desc = R.choices(["line", "backslash", "triple", "none"], [28, 19, 5, 48])[0]
        self.env = pick("attr", "attr", "attr", "attr", "attr", "attr", "attr", "import_os",
                        "import_os", "import_os", "setenv", "globals")
        self.build = pick("rezbuild", "rezutil", "none", "none", "none", "none", "bash",
                          "cmake_cmd", "install_py", "rezbuild")
        self.uuid = R.choices([None, "hex", "repo", "dotted", "dashed"], [62, 12, 13, 6, 7])[0]
        self.authors = chance(0.42)
        self.comments = chance(0.7)
        self.cmd_doc = chance(0.12)
        self.version_first = chance(0.05)
        self.build_last = chance(0.3)

    def s(self, text):
        q = self.q
        if q in text:
            q = "'" if q == '"' else '"'
        return f"{q}{text}{q}"

    def assign(self, key, value):
        return f"{key}={value}" if self.tight else f"{key} = {value}"

    def lst(self, items, comment_out=None):
        items = [self.s(i) for i in items]
        if not items:
            return "[]"
        if not self.multi and sum(len(i) + 2 for i in items) < 70 and not comment_out:
            return "[" + ", ".join(items) + "]"
        lines = ["["]
        for n, item in enumerate(items):
            last = n == len(items) - 1
            lines.append("    " + item + ("," if (not last or self.trailing) else ""))
        if comment_out:
            lines.insert(len(lines) - R.randint(0, 1) if len(lines) > 2 else 1,
                         "    # " + self.s(comment_out) + ",")
        lines.append("]")
        return "\n".join(lines)

    def variants(self, vs):
        if not vs:
            return "[]"
        if len(vs) == 1 and not self.multi and len(", ".join(vs[0])) < 50:
            return "[[" + ", ".join(self.s(r) for r in vs[0]) + "]]"
        lines = ["["]
        for n, v in enumerate(vs):
            last = n == len(vs) - 1
            lines.append("    [" + ", ".join(self.s(r) for r in v) + "]"
                         + ("," if (not last or self.trailing) else ""))
        lines.append("]")
        return "\n".join(lines)


# ---------------------------------------------------------------------------
# the data of a package

PLATFORMS = [
    ["platform-linux", "arch-x86_64"],
    ["platform-linux", "arch-x86_64", "os-CentOS-7"],
    ["platform-linux", "arch-x86_64", "os-Rocky-9"],
    ["platform-linux"],
]

LIB_DEPS = ["boost-1.70", "tbb-2020", "openexr-2.4", "imath-3", "zlib-1.2", "python-3.7",
            "ilmbase-2.2", "libpng-1.6", "libtiff-4", "jpeg_turbo-2", "hdf5-1.12", "blosc-1",
            "ocio-2", "oiio-2.2", "fmt-8", "openexr-3", "pybind11-2", "ptex-2.3",
            "opensubdiv-3", "glew-2", "alembic-1.7", "tbb-2019", "python-2.7"]
BUILD_DEPS = ["cmake-3.12+", "cmake-3", "gcc-9", "devtoolset-9", "ninja", "cmake-3.16+<4",
              "gcc-6.3", "python-3", "clang-13", "cmake"]
PY_DEPS = ["python-2.7+<4", "python-3", "python-3.7+<4", "six-1.16", "qtpy-2",
           "pyyaml-5+", "requests-2.28", "click-8", "attrs", "jinja2-3", "python-3.7",
           "shotgun_api3-3", "pyside2-5.15", "qt_py-1.3", "markupsafe-2"]
TOOL_DEPS = ["pipe_core-2", "studio_logging-1", "path_resolver", "naming-1.5+",
             "shotgun_api3", "qtpy", "python-3.7+<4", "python-3", "pyyaml", "six",
             "farm_client-5", "lucidity-1.6", "click", "~maya-2022", "~nuke-13",
             "!PySide", "pyside2", "python-2.7+<3"]

DESCRIPTIONS = {
    "lib": ["A C++ library built against the VFX reference platform.",
            "Image and volume I/O library with Python bindings.",
            "Threading and math primitives used by the renderers.",
            "Third party library, built from the upstream release tarball.",
            "Fast image codecs \u2014 built with SIMD enabled."],
    "app": ["Digital content creation application.",
            "Vendor install wrapped as a rez package.",
            "Compiler toolchain used by the build farm.",
            "Command line tool, installed from the vendor archive."],
    "pylib": ["Python library, vendored for the pipeline.",
              "Pure python module.",
              "Python bindings, pinned for the current show."],
    "tool": ["In-house pipeline tool.",
             "Artist-facing launcher and helpers.",
             "Utilities shared by the publishing tools.",
             "Small CLI used by production."],
    "plugin": ["Plug-in and scripts for the DCC.",
               "Gizmos, toolsets and Python menus.",
               "Digital assets shared across shows."],
    "project": ["Project settings and pinned versions.",
                "Site and department environment."],
    "sys": ["System package."],
}

DESC_BY_NAME = {
    "boost": "Boost C++ libraries, with Boost.Python.",
    "tbb": "Task-based parallelism library.",
    "openexr": "OpenEXR image format libraries.",
    "usd": "Universal Scene Description, built with the imaging and python modules.",
    "ocio": "OpenColorIO, colour management.",
    "oiio": "OpenImageIO and its tools (oiiotool, maketx).",
    "alembic": "Alembic geometry cache library.",
    "openvdb": "Sparse volume library.",
    "maya": "Autodesk Maya.",
    "houdini": "SideFX Houdini.",
    "nuke": "Foundry Nuke.",
    "katana": "Foundry Katana.",
    "blender": "Blender, from the official tarball.",
    "cmake": "Cross platform build system.",
    "python": "The Python interpreter.",
    "ffmpeg": "Video encoding and decoding tools.",
    "pyside2": "Qt for Python.",
    "numpy": "Array computing for Python.",
    "shotgun_api3": "Python API for the production tracker.",
    "launcher": "The artist launcher.",
    "pipe_core": "Core pipeline library: paths, contexts, settings.",
    "render_submit": "Submits renders to the farm.",
    "publish_tools": "Publishing UI and validators.",
}

AUTHOR_POOL = ["pipeline", "jdoe", "Pipeline TD", "R&D", "rendering team", "asmith",
               "tools@studio.example", "Studio Pipeline Team", "mlee", "k.tanaka"]

TOOLS = {
    "maya": ["maya", "mayapy", "Render", "mayabatch"],
    "houdini": ["houdini", "hython", "hbatch", "houdinifx"],
    "nuke": ["nuke", "nukex"],
    "katana": ["katana"],
    "mari": ["mari"],
    "blender": ["blender"],
    "rv": ["rv", "rvio", "rvpkg"],
    "djv": ["djv", "djv_info"],
    "arnold": ["kick", "maketx", "oslc"],
    "renderman": ["prman", "txmake"],
    "cmake": ["cmake", "ctest", "cpack", "ccmake"],
    "ninja": ["ninja"],
    "gcc": ["gcc", "g++"],
    "python": ["python", "pip"],
    "ffmpeg": ["ffmpeg", "ffprobe"],
    "git": ["git"],
    "clang": ["clang", "clang++", "clang-format"],
}


def uuid_for(style, name, rng):
    return {"hex": "%032x" % rng.getrandbits(128),
            "repo": f"repository.{name}",
            "dotted": f"studio.{name}",
            "dashed": "%08x-%04x-4%03x-a%03x-%012x" % (
                rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                rng.getrandbits(12), rng.getrandbits(48))}[style.uuid]


def upper(name):
    return name.upper()


class Pkg:
    """What one package.py says, before it is written out."""

    def __init__(self, name, kind, version, style, index):
        self.name, self.kind, self.version, self.style = name, kind, version, style
        self.index = index
        self.requires = []
        self.build_requires = []
        self.private_build_requires = []
        self.variants = []
        self.tools = []
        self.extra = []  # (key, rendered value)
        self.commands = []
        self.description = None
        self.authors = []
        self.uuid = None
        self.build_command = None
        self.help = None
        self.tests = None
        self.requires_empty = False
        self.variants_empty = False


def base_data(p: Pkg, fam_rng: random.Random):
    """Fill the usual fields of a package of its kind (fam_rng: the family's choices)."""
    st, kind, name = p.style, p.kind, p.name
    if kind != "sys":
        if st.desc != "none":
            p.description = DESC_BY_NAME.get(name) or fam_rng.choice(DESCRIPTIONS[kind])
        if st.authors:
            p.authors = fam_rng.sample(AUTHOR_POOL, fam_rng.choice([1, 1, 2]))
        if st.uuid:
            p.uuid = uuid_for(st, name, fam_rng)
    if kind == "lib":
        n = fam_rng.choice([0, 1, 2, 2, 3])
        p.requires = [d for d in fam_rng.sample(LIB_DEPS, n) if not d.startswith(name)]
        if p.requires and fam_rng.random() < 0.04:
            p.requires[0] = p.requires[0].replace("-", "==", 1) + ".0"
        p.variants = fam_rng.choice([[PLATFORMS[0]], [PLATFORMS[1]], [PLATFORMS[2]],
                                     [PLATFORMS[3]],
                                     [PLATFORMS[0] + ["python-2.7"], PLATFORMS[0] + ["python-3.7"]],
                                     [["python-3.7"], ["python-3.9"]], []])
        if fam_rng.random() < 0.4:
            p.private_build_requires = fam_rng.sample(BUILD_DEPS, fam_rng.choice([1, 2]))
        elif fam_rng.random() < 0.75:
            p.build_requires = fam_rng.sample(BUILD_DEPS, fam_rng.choice([1, 2]))
        p.commands = lib_commands(p)
    elif kind == "app":
        p.tools = TOOLS.get(name, [])
        if name in ("maya", "houdini", "nuke", "katana", "mari"):
            p.requires = fam_rng.choice([[], ["python-3.7"], ["python-3.9"], ["~python-3.7"]])
        p.variants = fam_rng.choice([[PLATFORMS[0]], [PLATFORMS[1]], [], [PLATFORMS[3]]])
        p.commands = app_commands(p)
    elif kind == "pylib":
        p.requires = fam_rng.choice([["python-2.7+<4"], ["python-3"], ["python-3.7+"],
                                     ["python"], ["python-3.7+<3.11", "six"]])
        if name == "requests":
            p.requires += ["urllib3-1.26", "idna-3", "certifi"]
        p.variants = fam_rng.choice([[], [], [["python-3.7"], ["python-3.9"]],
                                     [["python-2.7"], ["python-3.7"]]])
        if p.variants:
            p.requires = [r for r in p.requires if not r.startswith("python")]
        p.commands = pylib_commands(p)
        if fam_rng.random() < 0.3:
            p.build_command = "python {root}/rezbuild.py {install}"
    elif kind == "tool":
        n = fam_rng.choice([1, 2, 3, 3, 4])
        p.requires = [d for d in fam_rng.sample(TOOL_DEPS, n) if not d.startswith(name)]
        p.tools = fam_rng.choice([[], [], [name], [name, name + "_gui"]])
        if fam_rng.random() < 0.2:
            p.build_requires = [fam_rng.choice(["python-3", "rez_build_helper-1", "python"])]
        if fam_rng.random() < 0.06:
            p.requires.append("rez>=2.47")  # pip-style operators: rare, but written
        if fam_rng.random() < 0.3:
            p.variants = fam_rng.choice([[["python-2.7"], ["python-3.7"]],
                                         [["python-3.7"], ["python-3.9"]],
                                         [["maya-2022"], ["maya-2023"]]])
            host = p.variants[0][0].split("-")[0]
            p.requires = [r for r in p.requires if r.lstrip("~").split("-")[0] != host]
        p.commands = tool_commands(p)
    elif kind == "plugin":
        host = plugin_host(name)
        p.requires = fam_rng.choice([[], [host], ["python-3"], [host + "_base"]])
        p.requires = [r for r in p.requires if r != "maya_base" and r != "houdini_base"
                      and r != "nuke_base"]
        p.variants = {"maya": fam_rng.choice([[["maya-2022"], ["maya-2023"]],
                                              [["maya-2020"], ["maya-2022"], ["maya-2023"]],
                                              [["maya-2022", "platform-linux"]]]),
                      "houdini": fam_rng.choice([[["houdini-19.0"], ["houdini-19.5"]],
                                                 [["houdini-19.5"]]]),
                      "nuke": fam_rng.choice([[["nuke-13"], ["nuke-14"]], []])}[host]
        if not p.variants and host not in p.requires:
            p.requires.append(host + "-13+")
        if fam_rng.random() < 0.4:
            p.extra.append(("plugin_for", st.lst([host])))
        if fam_rng.random() < 0.2:
            p.build_requires = ["cmake-3", host + "_devkit"]
        p.commands = plugin_commands(p, host)
    elif kind == "project":
        p.requires = fam_rng.choice([["pipe_core-2", "~maya-2022", "~nuke-13", "~houdini-19.5"],
                                     ["pipe_core", "studio_logging-1"],
                                     ["~python-3.7", "launcher-2"]])
        p.commands = project_commands(p)
    elif kind == "sys":
        if name == "os":
            p.requires = ["platform-linux", "arch-x86_64"]
        p.commands = []
    p.requires = [r for r in p.requires if r.lstrip("~!").split("-")[0] != name]
    # build commands
    if kind in ("lib", "tool", "plugin", "project", "app") and p.build_command is None:
        b = st.build
        p.build_command = {
            "rezbuild": "python {root}/rezbuild.py {install}",
            "rezutil": "python -m rezutil build {root}",
            "bash": "bash {root}/build.sh {install}",
            "cmake_cmd": None,
            "install_py": "python {root}/install.py",
            "none": None}[b]
        if b == "rezutil":
            p.private_build_requires = ["rezutil-1"] + p.private_build_requires
        if b == "cmake_cmd" and kind in ("lib", "tool"):
            p.extra.append(("build_system", st.s("cmake")))
        if b == "none" and kind == "app" and fam_rng.random() < 0.4:
            p.extra.append(("build_command", "False"))
    # rarer fields
    if chance(0.045) and kind in ("tool", "pylib", "lib"):
        p.help = pick("url", "list")
    if chance(0.04) and kind in ("tool", "pylib"):
        p.tests = True
    if chance(0.025) and kind in ("lib", "app"):
        p.extra.append(("hashed_variants", "True"))
    if chance(0.01):
        p.extra.append(("relocatable", "True"))
    if chance(0.01):
        p.extra.append(("cachable", pick("True", "False")))
    if chance(0.09) and kind in ("tool", "app", "project", "plugin"):
        p.extra.append(("_data", private_data(p)))
    if chance(0.10) and not p.requires:
        p.requires_empty = True
    if chance(0.09) and not p.variants:
        p.variants_empty = True


def plugin_host(name):
    if "nuke" in name or name in ("gizmo_pack", "cryptomatte_nuke"):
        return "nuke"
    if "houdini" in name or name in ("scatter_hda", "hda_library", "htoa"):
        return "houdini"
    return "maya"


def private_data(p):
    st = p.style
    label = p.name.replace("_", " ").title()
    lines = ["{",
             f"    {st.s('label')}: {st.s(label)},",
             f"    {st.s('icon')}: {st.s('{root}/resources/icon.png')},"]
    if chance(0.5):
        lines.append(f"    {st.s('hidden')}: {pick('False', 'True')},")
    lines.append("}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# commands() bodies: lists of lines (indent with 4 spaces, nested blocks included)


def env_line(p, var, value, op="append"):
    st = p.style
    v = st.s(value)
    if st.env == "setenv":
        fn = {"append": "appendenv", "prepend": "prependenv", "set": "setenv"}[op]
        return f"{fn}({st.s(var)}, {v})"
    if op == "set":
        return pick(f"env.{var} = {v}", f"env.{var} = {v}", f"env.{var}.set({v})")
    return f"env.{var}.{op}({v})"


def path_line(p, var, *parts):
    """env.VAR.append of {root}/parts, maybe through os.path.join."""
    st = p.style
    if st.env == "import_os" and parts:
        joined = ", ".join(st.s(x) for x in ("{root}",) + parts)
        return f"env.{var}.append(os.path.join({joined}))"
    return env_line(p, var, "/".join(("{root}",) + parts), pick("append", "append", "prepend"))


def lib_commands(p):
    up = upper(p.name)
    body = []
    if chance(0.5):
        body.append(env_line(p, up + "_ROOT", "{root}", "set"))
    body.append(path_line(p, "LD_LIBRARY_PATH", pick("lib", "lib64")))
    if chance(0.4):
        body.append(path_line(p, "PATH", "bin"))
    if chance(0.3):
        body.append(path_line(p, "PYTHONPATH", "lib", "python", "site-packages"))
    if chance(0.55):
        body.append("")
        if p.style.comments and chance(0.4):
            body.append("# only needed when something builds against us")
        body.append("if building:")
        body.append("    " + env_line(p, "CMAKE_PREFIX_PATH", "{root}", "append"))
        if chance(0.5):
            body.append("    " + env_line(p, "PKG_CONFIG_PATH", "{root}/lib/pkgconfig", "append"))
    return body


def app_commands(p):
    up = upper(p.name)
    st = p.style
    body = []
    if p.name in ("maya", "houdini", "nuke", "katana", "mari") and chance(0.5):
        loc = {"maya": "/usr/autodesk/maya{this.version.major}",
               "houdini": "/opt/hfs{this.version}",
               "nuke": "/usr/local/Nuke{this.version}",
               "katana": "/opt/Foundry/Katana{this.version}",
               "mari": "/opt/Foundry/Mari{this.version}"}[p.name]
        body.append(env_line(p, up + "_LOCATION", loc, "set"))
        body.append(env_line(p, "PATH", "${%s_LOCATION}/bin" % up, "prepend"))
    elif chance(0.35):
        body.append("if system.platform == " + st.s("windows") + ":")
        body.append("    " + env_line(p, "PATH", "{root}/bin/win64", "append"))
        body.append("else:")
        body.append("    " + env_line(p, "PATH", "{root}/bin", "append"))
    else:
        body.append(path_line(p, "PATH", "bin"))
        if chance(0.5):
            body.append(path_line(p, "LD_LIBRARY_PATH", "lib"))
    if chance(0.3):
        body.append(env_line(p, up + "_VERSION", "{this.version}", "set"))
    if p.tools and chance(0.15):
        t = p.tools[0]
        body.append(f"alias({st.s(t + '_safe')}, {st.s(t + ' -safe')})")
    if p.name == "python" and chance(0.5):
        body.append("env.PYTHONHOME = " + st.s("{root}"))
    return body


def pylib_commands(p):
    body = [path_line(p, "PYTHONPATH", pick("python", "lib/python", "site-packages"))]
    if chance(0.2):
        body.append(path_line(p, "PATH", "bin"))
    return body


def tool_commands(p):
    st = p.style
    body = [path_line(p, "PYTHONPATH", "python")]
    if p.tools or chance(0.4):
        body.append(path_line(p, "PATH", "bin"))
    if chance(0.25):
        body.append(env_line(p, upper(p.name) + "_CONFIG", "{root}/config", "set"))
    if chance(0.12):
        body.append(f"alias({st.s(p.name)}, {st.s('python -m ' + p.name)})")
    if chance(0.15):
        body.append("")
        body.append("if " + st.s("maya") + " in resolve:")
        body.append("    " + env_line(p, "MAYA_SCRIPT_PATH", "{root}/maya/scripts", "append"))
    if chance(0.1):
        body.append("env.%s_VERSION = str(this.version)" % upper(p.name))
    if chance(0.08):
        body.append("")
        body.append("if not getenv(" + st.s("STUDIO_ROOT") + ", " + st.s("") + "):")
        body.append("    stop(" + st.s("STUDIO_ROOT is not set, is the site package missing?") + ")")
    return body


def plugin_commands(p, host):
    st = p.style
    body = []
    if host == "maya":
        body.append(path_line(p, "MAYA_MODULE_PATH", "modules"))
        if chance(0.5):
            body.append(env_line(p, "MAYA_PLUG_IN_PATH",
                                 "{root}/plug-ins/{resolve.maya.version.major}", "append"))
        if chance(0.4):
            body.append(env_line(p, "XBMLANGPATH", "{root}/icons/%B", "append"))
    elif host == "houdini":
        body.append(env_line(p, "HOUDINI_PATH", "{root}/houdini", "prepend"))
        if chance(0.5):
            body.append("env.HOUDINI_OTLSCAN_PATH.append(" + st.s("{root}/otls") + ")")
    else:
        body.append(path_line(p, "NUKE_PATH", "gizmos"))
        if chance(0.5):
            body.append(path_line(p, "NUKE_PATH", "python"))
    if chance(0.4):
        body.append(path_line(p, "PYTHONPATH", "python"))
    if chance(0.15):
        body.append("major = getenv(" + st.s("REZ_%s_MAJOR_VERSION" % host.upper()) + ")")
        body.append("env.PATH.append(" + st.s("{root}/bin/") + " + major)")
    return body


def project_commands(p):
    st = p.style
    show = p.name.replace("proj_", "").replace("show_", "")
    body = [env_line(p, "PROJECT_NAME" if "proj" in p.name or "show" in p.name else "SITE_NAME",
                     show, "set")]
    if chance(0.6):
        body.append(env_line(p, "PROJECT_ROOT", "/mnt/projects/" + show, "set"))
    if chance(0.5):
        body.append(env_line(p, "OCIO", "/mnt/projects/%s/config/ocio/config.ocio" % show, "set"))
    if chance(0.3):
        body.append("")
        body.append("for key, value in this._environ.items():")
        body.append("    if isinstance(value, list):")
        body.append("        for item in value:")
        body.append("            env[key].append(expandvars(item))")
        body.append("    else:")
        body.append("        env[key] = expandvars(value)")
        p.extra.append(("_environ", "{\n    %s: [%s],\n    %s: %s,\n}" % (
            st.s("PYTHONPATH"), st.s("{root}/python"), st.s("SHOW_RES"),
            st.s("2048x858"))))
    return body


def commands_prologue(p, category):
    st = p.style
    lines = []
    if category == "global":
        names = ["env"] + R.sample(["alias", "this", "building", "system", "resolve",
                                    "request", "expandvars"], R.choice([0, 0, 1, 2, 3]))
        lines += [f"global {n}" for n in names]
        lines.append("")
    elif st.env == "globals":
        lines.append('env = globals()["env"]')
        if chance(0.3):
            lines.append('this = globals()["this"]')
        lines.append("")
    if st.env == "import_os":
        lines.insert(0, "import os")
        lines.insert(1, "")
    return lines


def render_def(name, body, indent="    ", doc=None):
    out = [f"def {name}():"]
    if doc:
        out.append(indent + doc)
    if not [b for b in body if b.strip()]:
        body = ["pass"]
    for line in body:
        out.append((indent + line.replace("    ", indent)) if line else "")
    # no trailing blank lines in the def
    while out[-1] == "":
        out.pop()
    return "\n".join(out)


# ---------------------------------------------------------------------------
# a file


def header(p):
    st = p.style
    out = []
    if st.coding:
        out.append("# -*- coding: utf-8 -*-")
    if st.banner == "comment":
        out.append("#")
        out.append(f"# rez package definition for {p.name}.")
        out.append("# Edit version and requirements here; the payload is built by the build script.")
        out.append("#")
    elif st.banner == "docstring":
        if out:
            out.append("")
        out.append(f'"""Rez package for {p.name}."""')
    return out


def field_blocks(p, category):
    """(key, rendered assignment) in the file's order; commands last-ish."""
    st = p.style
    q = st.s
    blocks = []
    nm = (("name", st.assign("name", q(p.name))))
    vr = (("version", st.assign("version", q(p.version))))
    blocks += [vr, nm] if st.version_first else [nm, vr]
    if p.description:
        if st.desc == "backslash":
            d = 'description = \\\n    """\n    %s\n    """' % p.description
        elif st.desc == "triple":
            d = 'description = """%s"""' % p.description
        else:
            d = st.assign("description", q(p.description))
        blocks.append(("description", d))
    if p.authors:
        blocks.append(("authors", st.assign("authors", st.lst(p.authors))))
    if p.help == "url":
        blocks.append(("help", st.assign("help", q("https://wiki.studio.example/" + p.name))))
    elif p.help == "list":
        blocks.append(("help", st.assign("help", "[[%s, %s]]" % (
            q("Home Page"), q("https://docs.studio.example/%s/index.html" % p.name)))))
    if p.requires or p.requires_empty:
        out = None
        if st.comments and p.requires and chance(0.15):
            out = pick("python-2.7", "maya-2019", "oiio-1.8")
        blocks.append(("requires", st.assign("requires", st.lst(p.requires, comment_out=out))))
    if p.build_requires:
        blocks.append(("build_requires", st.assign("build_requires", st.lst(p.build_requires))))
    if p.private_build_requires:
        blocks.append(("private_build_requires",
                       st.assign("private_build_requires", st.lst(p.private_build_requires))))
    if p.variants or p.variants_empty:
        blocks.append(("variants", st.assign("variants", st.variants(p.variants))))
    if p.tools:
        blocks.append(("tools", st.assign("tools", st.lst(p.tools))))
    if p.uuid:
        blocks.append(("uuid", st.assign("uuid", q(p.uuid))))
    if p.tests:
        tests = ("{\n"
                 f"    {q('unit')}: {q('python -m pytest {root}/tests')},\n"
                 f"    {q('lint')}: {{\n"
                 f"        {q('command')}: {q('flake8 {root}/python')},\n"
                 f"        {q('requires')}: [{q('flake8')}],\n"
                 f"        {q('run_on')}: {q('explicit')},\n"
                 "    },\n}")
        blocks.append(("tests", st.assign("tests", tests)))
    for key, value in p.extra:
        blocks.append((key, st.assign(key, value)))
    if st.comments and chance(0.45) and len(blocks) > 3:
        i = R.randrange(2, len(blocks))
        key, text = blocks[i]
        note = {"requires": "# Runtime requirements",
                "variants": "# One build per entry",
                "build_command": "# Built with the shared build script",
                "private_build_requires": "# Only needed to build",
                "build_requires": "# Needed at build time",
                "tools": "# Exposed executables",
                "uuid": "# Do not change",
                "description": "# Shown in the launcher"}.get(key.lstrip("~"), "# " + key)
        blocks[i] = (key, note + "\n" + text)
    if p.build_command is not None:
        bc = st.assign("build_command", q(p.build_command))
        if st.build_last:
            blocks.append(("~build_command", bc))
        else:
            blocks.append(("build_command", bc))
    return blocks


def commands_block(p, category, tabs=False):
    if not p.commands and p.kind == "sys":
        return None
    body = commands_prologue(p, category) + p.commands
    if p.style.comments and chance(0.2):
        start = len(body) - len(p.commands)
        spots = [i for i in range(start, len(body) + 1)
                 if (i == len(body) or not body[i].startswith(" "))
                 and (i == 0 or not body[i - 1].endswith(":"))]
        body.insert(R.choice(spots), "# " + env_line(p, "PATH", "{root}/bin/legacy", "append"))
    doc = '"""Set up the environment."""' if p.style.cmd_doc else None
    return render_def("commands", body, "\t" if tabs else "    ", doc)


def join_blocks(parts, blank):
    sep = "\n" * (blank + 1)
    out = []
    for kind, text in parts:
        if out:
            if kind == "def" or out[-1][0] == "def":
                out.append(("sep", "\n\n\n" if blank else "\n\n"))
            else:
                out.append(("sep", sep))
        out.append((kind, text))
    return "".join(t for _, t in out)


def compose(p, category, traits):
    st = p.style
    blocks = field_blocks(p, category)
    parts = []
    head = header(p)
    # category-specific rewrites of blocks
    tops = []   # statements before the fields
    extra_after = []  # statements after the fields, before commands
    defs = []
    tabs = "tabs" in traits

    def drop(key):
        nonlocal blocks
        blocks = [b for b in blocks if b[0] != key]

    if category == "linthelper":
        names = R.choice([["env"], ["env", "building"], ["env", "building", "scope"],
                          ["env", "alias", "building"], ["env", "building", "resolve"],
                          ["env", "building", "scope", "early", "resolve"]])
        comment = "  # keeps flake8 quiet" if chance(0.5) else ""
        tops.append("from rez.utils.lint_helper import " + ", ".join(names) + comment)
    elif category == "galias":
        which = pick("late", "late", "early")
        tops.append(f'{which} = globals()["{which}"]')
    elif category == "import_other":
        if p.kind == "tool":
            tops.append("import utils")
            tops.append("")
            tops.append("_meta = utils.read_metadata(" + st.s("setup.cfg") + ")")
            drop("description")
            blocks.append(("description", st.assign("description",
                                                    '_meta.get(%s, "")' % st.s("summary"))))
        else:
            tops.append("import os")
    elif category == "control":
        which = R.choice(["platform_variants", "platform_variants", "sys_build", "os_env"])
        if which == "platform_variants":
            drop("variants")
            tops.append("import platform")
            v = st.assign("variants", "[]")
            extra_after.append(
                v + "\n\n" +
                'if platform.system() == "Darwin":\n'
                '    variants.append(["platform-osx", "arch-x86_64"])\n'
                'elif platform.system() == "Linux":\n'
                '    variants.append(["platform-linux", "arch-x86_64"])\n'
                'elif platform.system() == "Windows":\n'
                '    variants.append(["platform-windows", "arch-AMD64"])')
        elif which == "sys_build":
            drop("build_command")
            drop("~build_command")
            tops.append("import sys")
            extra_after.append(
                'if sys.platform.startswith("win"):\n'
                '    build_command = "cmd /c {root}\\\\build.bat {install}"\n'
                'else:\n'
                '    build_command = "bash {root}/build.sh {install}"')
        else:
            tops.append("import os")
            extra_after.append(
                "_site = os.environ.get(%s, %s)\n" % (st.s("STUDIO_SITE"), st.s("main")) +
                "if _site == %s:\n" % st.s("remote") +
                "    requires = requires + [%s]\n" % st.s("vpn_tools")
                if any(b[0] == "requires" for b in blocks) else
                "_site = os.environ.get(%s, %s)\n" % (st.s("STUDIO_SITE"), st.s("main")) +
                "if _site == %s:\n" % st.s("remote") +
                "    requires = [%s]\n" % st.s("vpn_tools"))
    elif category == "expression":
        which = R.choice(["uuid_pct", "uuid_format", "req_pct", "bc_concat", "ver_parts"])
        if which == "uuid_pct":
            drop("uuid")
            blocks.append(("uuid", st.assign("uuid", st.s("repository.%s") + " % name")))
        elif which == "uuid_format":
            drop("uuid")
            blocks.append(("uuid", st.assign("uuid", st.s("packages.{}-{}")
                                             + ".format(name, version)")))
        elif which == "req_pct":
            reqs = [r for r in p.requires if not r.startswith("python")]
            drop("requires")
            items = "".join("    " + st.s(r) + ",\n" for r in reqs)
            tops.append("_python = " + st.s(pick("3.7", "3.9", "2.7")))
            blocks.append(("requires", "requires = [\n" + items
                           + "    " + st.s("python-%s") + " % _python,\n]"))
        elif which == "bc_concat":
            drop("build_command")
            drop("~build_command")
            blocks.append(("build_command", st.assign(
                "build_command", st.s("python {root}/rezbuild.py {install}") + " + " +
                st.s(" --clean"))))
        else:
            drop("tools")
            blocks.append(("tools", st.assign("tools", "[name, name + " + st.s("_batch") + "]")))
    elif category == "early":
        which = [t for t in traits if t in EARLY_KINDS][0]
        if chance(0.07):
            tops.append('early = globals()["early"]')
        if which == "variants_platform":
            drop("variants")
            defs.append(
                "@early()\ndef variants():\n"
                "    import platform\n\n"
                "    if platform.system() == \"Windows\":\n"
                "        return [[\"platform-windows\", \"arch-AMD64\"]]\n"
                "    return [[\"platform-linux\", \"arch-x86_64\"]]")
        elif which == "variants_cook":
            drop("variants")
            defs.append(
                "@early()\ndef variants():\n"
                "    import ast\n    import os\n\n"
                "    cook = os.getenv(\"REZ_COOK_VARIANT\")\n"
                "    if cook:\n"
                "        # building: the variant we were asked for\n"
                "        return [ast.literal_eval(cook)]\n"
                "    return [\n"
                "        [\"platform-linux\", \"arch-x86_64\", \"cfg\"],\n"
                "        [\"platform-windows\", \"arch-AMD64\", \"cfg\"],\n"
                "    ]")
        elif which == "variants_python":
            drop("variants")
            defs.append(
                "@early()\ndef variants():\n"
                "    pythons = [\"2.7\", \"3.7\", \"3.9\"]\n"
                "    return [[\"python-%s\" % v] for v in pythons]")
        elif which == "variants_expand":
            drop("variants")
            defs.append(
                "@early()\ndef variants():\n"
                "    from rez.package_py_utils import expand_requires\n\n"
                "    requires = [\"platform-**\", \"arch-**\", \"os-**\"]\n"
                "    return [expand_requires(*requires)]")
        elif which == "build_requires_platform":
            drop("build_requires")
            drop("private_build_requires")
            defs.append(
                "@early()\ndef build_requires():\n"
                "    import platform\n\n"
                "    if platform.system() == \"Windows\":\n"
                "        return [\"cmake-3\", \"visual_studio-2019\"]\n"
                "    return [\"cmake-3\", \"gcc-9\"]")
        elif which == "requires_building":
            drop("requires")
            reqs = p.requires or ["python-3"]
            defs.append(
                "@early()\ndef requires():\n"
                "    if building:\n"
                "        return []\n"
                "    return [" + ", ".join('"%s"' % r for r in reqs) + "]")
        elif which == "version_env":
            drop("version")
            defs.append(
                "@early()\ndef version():\n"
                "    import os\n\n"
                f"    return os.environ.get(\"{upper(p.name)}_PAYLOAD_VERSION\", \"{p.version}\")")
        elif which == "build_command":
            drop("build_command")
            drop("~build_command")
            defs.append(
                "@early()\ndef build_command():\n"
                "    import sys\n\n"
                "    if sys.platform == \"win32\":\n"
                "        return \"python {root}\\\\rezbuild.py {install}\"\n"
                "    return \"python {root}/rezbuild.py {install}\"")
        elif which == "tools_list":
            drop("tools")
            defs.append(
                "@early()\ndef tools():\n"
                "    import platform\n\n"
                f"    tools = [\"{p.name}\", \"{p.name}_batch\"]\n"
                "    if platform.system() == \"Windows\":\n"
                "        tools = [t + \".exe\" for t in tools]\n"
                "    return tools")
        else:
            drop("authors")
            defs.append(
                "@early()\ndef authors():\n"
                "    import subprocess\n\n"
                "    try:\n"
                "        out = subprocess.check_output(\n"
                "            [\"git\", \"shortlog\", \"-sn\", \"HEAD\"],\n"
                "            universal_newlines=True,\n"
                "            stderr=subprocess.DEVNULL,\n"
                "        )\n"
                "    except Exception:\n"
                "        return [\"pipeline\"]\n"
                "    return [line.split(\"\\t\")[-1] for line in out.splitlines()] or [\"pipeline\"]")
    elif category == "late":
        drop("requires")
        base = p.requires or ["python-3"]
        defs.append(
            "@late()\ndef requires():\n"
            "    reqs = [" + ", ".join('"%s"' % r for r in base) + "]\n"
            "    if in_context() and \"maya\" in request:\n"
            "        reqs.append(\"maya_base\")\n"
            "    return reqs")
    elif category == "scope":
        if SCOPE_KINDS.pop() == "literal":
            extra_after.append(
                'with scope("config") as c:\n'
                '    # release into the internal repository\n'
                '    c.release_packages_path = "/studio/rez/int"\n'
                '    c.plugins.release_vcs.git.allow_no_upstream = True')
        else:
            extra_after.append(
                'with scope("config") as config:\n'
                '    import os\n\n'
                '    if os.environ.get("RELEASE_AS", "int") == "ext":\n'
                '        config.release_packages_path = "/studio/rez/ext"\n'
                '    else:\n'
                '        config.release_packages_path = "/studio/rez/int"')
    elif category == "bad_range":
        drop("variants")
        blocks.append(("variants", st.assign("variants", "[\n    [%s, %s, %s],\n]" % (
            st.s("platform-*"), st.s("arch-*"), st.s("python-3.7")))))

    # assemble
    order = [b for b in blocks if b[0] != "~build_command"]
    tail = [b for b in blocks if b[0] == "~build_command"]
    for t in tops:
        parts.append(("top", t))
    for _, text in order:
        parts.append(("field", text))
    for e in extra_after:
        parts.append(("def", e) if "\n" in e else ("field", e))
    for d in defs:
        parts.append(("def", d))
    cmd = commands_block(p, category, tabs)
    if category == "py2":
        cmd = render_def("commands", commands_prologue(p, "clean")
                         + (p.commands or [path_line(p, "PATH", "bin")])
                         + ['print "%s: environment ready"' % p.name])
    if cmd:
        parts.append(("def", cmd))
    if chance(0.012) and p.kind in ("tool", "lib"):
        parts.append(("def", render_def("pre_commands", [
            env_line(p, upper(p.name) + "_STARTED", "1", "set")])))
    if chance(0.006) and p.kind in ("lib",):
        parts.append(("def", render_def("pre_build_commands", [
            'env.%s_BUILD_VERSION = str(this.version)' % upper(p.name)])))
    for _, text in tail:
        parts.append(("field", text))
    text = join_blocks(parts, st.blank)
    # top-of-file pieces (tops are joined tightly after the header)
    if head:
        text = "\n".join(head) + "\n\n" + ("\n" if chance(0.3) else "") + text
    text = text.rstrip("\n") + "\n"
    if "no_final_newline" in traits:
        text = text.rstrip("\n")
    if "crlf" in traits:
        text = text.replace("\n", "\r\n")
    return text


# ---------------------------------------------------------------------------
# rez-pip's packages, as rez's serialiser writes them


def pip_file(name, version, idx):
    pure = idx % 4 != 3
    variant = "['python-3.9']" if pure else \
        "['platform-linux', 'arch-x86_64', 'os-Rocky-9', 'python-3.9']"
    return (
        "# -*- coding: utf-8 -*-\n\n"
        f"name = '{name}'\n\n"
        f"version = '{version}'\n\n"
        f"description = 'The {name} distribution, converted by rez-pip.'\n\n"
        f"authors = ['{name} maintainers']\n\n"
        + ("requires = ['python-3.7+']\n\n" if idx % 2 else "")
        + f"variants = [{variant}]\n\n"
        "def commands():\n"
        "    env.PYTHONPATH.append('{root}/python')\n\n"
        f"timestamp = {1660000000 + 86413 * idx}\n\n"
        f"help = [['Home Page', 'https://pypi.org/project/{name}/']]\n\n"
        "hashed_variants = True\n\n"
        "format_version = 2\n\n"
        f"pip_name = '{name} ({version})'\n\n"
        "from_pip = True\n\n"
        f"is_pure_python = {pure}\n")


# ---------------------------------------------------------------------------


def assign_categories():
    files = [(f, k, v) for f, k, vs in FAMILIES for v in vs]
    remaining = dict(QUOTAS)
    total = sum(remaining.values())
    assert total == len(files), (total, len(files))
    fams = list(FAMILIES)
    R.shuffle(fams)
    # pip packages are "clean" (plain literals)
    fams.sort(key=lambda f: f[1] != "pip")
    out = {}
    for fam, kind, versions in fams:
        for v in versions:
            options = [c for c, n in remaining.items() if n > 0 and kind in AFFINITY[c]]
            if not options:
                options = [c for c, n in remaining.items() if n > 0]
            # a family keeps its category while its quota lasts
            prev = out.get((fam, None))
            if prev in options:
                cat = prev
            else:
                weights = [remaining[c] for c in options]
                cat = R.choices(options, weights)[0]
            remaining[cat] -= 1
            out[(fam, v)] = cat
            out[(fam, None)] = cat
    return {k: c for k, c in out.items() if k[1] is not None}


def main(dest: Path):
    cats = assign_categories()
    # traits on files that have a commands() (what makes them matter)
    kinds = {f: kd for f, kd, _ in FAMILIES}
    traits = {k: set() for k in cats}
    for category, quotas in TRAIT_QUOTAS.items():
        pool = [k for k, c in sorted(cats.items())
                if c == category and kinds[k[0]] not in ("sys", "pip")]
        for trait, n in quotas.items():
            for k in R.sample(pool, n):
                traits[k].add(trait)
    early_kinds = list(EARLY_KINDS)
    assert len(early_kinds) == QUOTAS["early"]
    R.shuffle(early_kinds)
    for child in dest.iterdir() if dest.exists() else []:
        if child.is_dir():
            shutil.rmtree(child)
    dest.mkdir(parents=True, exist_ok=True)
    written = 0
    for fam, kind, versions in FAMILIES:
        style = Style()
        fam_seed = R.getrandbits(32)
        for i, v in enumerate(versions):
            cat = cats[(fam, v)]
            if kind == "pip":
                text = pip_file(fam, v, written)
            else:
                p = Pkg(fam, kind, v, style, i)
                base_data(p, random.Random(fam_seed))
                if cat == "early":
                    traits[(fam, v)].add(early_kinds.pop())
                text = compose(p, cat, traits[(fam, v)])
            path = dest / fam / v / "package.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            written += 1
    counts = {}
    for c in cats.values():
        counts[c] = counts.get(c, 0) + 1
    print(f"wrote {written} files to {dest}")
    for c, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {c:14s} {n}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEST)
