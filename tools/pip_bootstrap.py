"""Prepare ansible-test's pip bootstrap so that ``--venv`` works without get-pip.py.

ansible-test bootstraps pip into each venv it creates by running
``~/.ansible/test/cache/get_pip_<ver>.py``, which it downloads from a host that
this project's machines cannot reach (ansible/ansible issue 77304).  When that
file already exists, ansible-test uses it as it is.  This script writes one
there that installs pip from a pip wheel taken from PyPI (``pip download``),
so the bootstrap needs only the package index.

Run it with the Python of the venv whose ansible-test will use it; it reads
the pip version that this ansible-test asks for from ansible-test itself.
It always rewrites the script (a copy left by another machine or version
is never trusted), and downloads the wheel only when it is missing.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

CACHE_DIR = Path(os.path.expanduser("~/.ansible/test/cache"))

BOOTSTRAP_TEMPLATE = '''\
"""Offline stand-in for get-pip.py, written by tcx.xapi's tools/pip_bootstrap.py.

ansible-test runs this file as a module with pip's arguments, e.g.
``--disable-pip-version-check pip=={version} --no-setuptools --no-wheel``.
"""
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WHEEL = os.path.join(HERE, {wheel!r})

if not os.path.isfile(WHEEL):
    sys.exit("pip bootstrap: %s is missing; run tools/pip_bootstrap.py again" % WHEEL)

# pip runs from its own wheel (as get-pip.py does); the options below belong
# to get-pip.py only and mean nothing to "pip install".
sys.path.insert(0, WHEEL)
ARGS = [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
sys.argv = ["pip", "install", "--upgrade", "--force-reinstall", "--find-links", HERE] + ARGS
runpy.run_module("pip", run_name="__main__", alter_sys=True)
'''


def requested_pip_version() -> str:
    """Return the pip version that the installed ansible-test bootstraps into its venvs."""
    spec = importlib.util.find_spec("ansible_test")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pip_bootstrap: ansible_test is not importable from %s" % sys.executable)
    source = Path(list(spec.submodule_search_locations)[0], "_internal", "python_requirements.py")
    match = re.search(r"""\bpip\s*=\s*['"]([0-9][0-9.]*)['"]""", source.read_text(encoding="utf-8"))
    if not match:
        sys.exit("pip_bootstrap: cannot find the pip version in %s" % source)
    return match.group(1)


def ensure_wheel(version: str) -> str:
    """Download pip's wheel of this version into the cache unless it is there; return its file name."""
    name = "pip-%s-py3-none-any.whl" % version
    if not (CACHE_DIR / name).is_file():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--dest", str(CACHE_DIR), "pip==%s" % version],
            check=True,
        )
    if not (CACHE_DIR / name).is_file():
        sys.exit("pip_bootstrap: pip download did not produce %s" % (CACHE_DIR / name))
    return name


def main() -> None:
    version = requested_pip_version()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    wheel = ensure_wheel(version)
    script = CACHE_DIR / ("get_pip_%s.py" % version.replace(".", "_"))
    script.write_text(BOOTSTRAP_TEMPLATE.format(version=version, wheel=wheel), encoding="utf-8")
    print("pip bootstrap for ansible-test: %s (pip %s from %s)" % (script, version, wheel))


if __name__ == "__main__":
    main()
