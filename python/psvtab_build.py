"""psvtab_build: the PEP 517 build backend of the psvtab Python package.

It needs only Python's standard library: pip builds the package offline,
with or without build isolation (there is nothing to install first). The
wheel holds psvtab/__init__.py, psvtab/_version.py and psvtab/psvtab.so,
which tools/cc-module compiles from the C sources: those of the repository
around this folder (pip install ./python), or the copy an sdist carries in
src/. The module does not use Python's C API, so one wheel fits every
Python 3 of the platform: its tag is py3-none-PLATFORM.
"""
import base64
import hashlib
import io
import os
import re
import subprocess
import sysconfig
import tarfile
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SUMMARY = ("The live operating system (processes, memory, network, disks) "
           "as SQLite tables, with psutil's numbers")


def _source_root():
    """The folder with configure.ac and ext/: the sdist's src/ or the clone."""
    for root in (os.path.join(HERE, "src"), os.path.dirname(HERE)):
        if (os.path.isfile(os.path.join(root, "configure.ac"))
                and os.path.isdir(os.path.join(root, "ext"))):
            return root
    raise RuntimeError("psvtab: the C sources are missing: build from a clone of psvtab "
                       "(pip install ./python) or from the sdist it makes")


def _read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def _version(root):
    found = re.search(r"AC_INIT\(\[psvtab\], \[([^]]+)\]", _read(os.path.join(root, "configure.ac")))
    if not found:
        raise RuntimeError("psvtab: no version in configure.ac")
    return found.group(1)


def _metadata(version):
    head = ("Metadata-Version: 2.1\nName: psvtab\nVersion: %s\nSummary: %s\n"
            "License: MIT\nRequires-Python: >=3.6\nClassifier: Operating System :: POSIX :: Linux\n"
            "Description-Content-Type: text/markdown\n\n" % (version, SUMMARY))
    return head + _read(os.path.join(HERE, "README.md"))


def _compile(root, out):
    subprocess.run(["sh", os.path.join(root, "tools", "cc-module"), root, out], check=True)


# ---- Wheels ------------------------------------------------------------------


def _wheel_tag():
    return "py3-none-" + re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())


class _Wheel:
    """A wheel being written: its files, then the RECORD of them all."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self.record = []

    def _write(self, name, data, mode):
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = (0o100000 | mode) << 16   # a regular file and its mode
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)

    def add(self, name, data, mode=0o644):
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._write(name, data, mode)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self.record.append("%s,sha256=%s,%d" % (name, digest, len(data)))

    def close(self, record_name):
        self.record.append(record_name + ",,")
        self._write(record_name, ("\n".join(self.record) + "\n").encode("utf-8"), 0o644)
        self.zip.close()


def _dist_info(version, root):
    info = "psvtab-%s.dist-info" % version
    wheel = ("Wheel-Version: 1.0\nGenerator: psvtab_build\nRoot-Is-Purelib: false\nTag: %s\n"
             % _wheel_tag())
    return info, {
        info + "/METADATA": _metadata(version),
        info + "/WHEEL": wheel,
        info + "/LICENSE": _read(os.path.join(root, "LICENSE")),
    }


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    root = _source_root()
    version = _version(root)
    name = "psvtab-%s-%s.whl" % (version, _wheel_tag())
    with tempfile.TemporaryDirectory() as tmp:
        module = os.path.join(tmp, "psvtab.so")
        _compile(root, module)
        wheel = _Wheel(os.path.join(wheel_directory, name))
        wheel.add("psvtab/__init__.py", _read(os.path.join(HERE, "psvtab", "__init__.py")))
        wheel.add("psvtab/_version.py", '__version__ = "%s"\n' % version)
        wheel.add("psvtab/psvtab.so", _read(module, "rb"), 0o755)
        info, files = _dist_info(version, root)
        for path, text in files.items():
            wheel.add(path, text)
        wheel.close(info + "/RECORD")
    return name


def get_requires_for_build_wheel(config_settings=None):
    return []


# ---- The sdist: this folder, and the C sources under src/ --------------------


def _sdist_files(root):
    """(path in the sdist, path here) of every file it carries."""
    files = [(n, os.path.join(HERE, n)) for n in
             ("pyproject.toml", "psvtab_build.py", "README.md", "psvtab/__init__.py")]
    for name in ("configure.ac", "LICENSE", "tools/cc-module"):
        files.append(("src/" + name, os.path.join(root, name)))
    for folder, _, names in os.walk(os.path.join(root, "ext")):
        for n in sorted(names):
            if n.endswith((".c", ".h")):
                full = os.path.join(folder, n)
                files.append(("src/" + os.path.relpath(full, root).replace(os.sep, "/"), full))
    return files


def build_sdist(sdist_directory, config_settings=None):
    root = _source_root()
    version = _version(root)
    top = "psvtab-%s" % version
    path = os.path.join(sdist_directory, top + ".tar.gz")
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        entries = _sdist_files(root) + [("PKG-INFO", None)]
        for name, source in entries:
            data = _metadata(version).encode("utf-8") if source is None else _read(source, "rb")
            info = tarfile.TarInfo(top + "/" + name)
            info.size = len(data)
            info.mode = 0o755 if name.endswith("cc-module") else 0o644
            info.mtime = 1767225600
            tar.addfile(info, io.BytesIO(data))
    return os.path.basename(path)


def get_requires_for_build_sdist(config_settings=None):
    return []
