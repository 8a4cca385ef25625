"""Fill bundled/libs with wasmvet and its libraries for one VS Code platform target.

    python scripts/bundle.py linux-x64

Builds the wheel of this checkout (or takes the source folder or wheel in $WASMVET_SOURCE),
installs it with its dependencies for CPython 3.10 on that platform (pip --target
--platform), then adds the compiled modules of every other CPython from 3.10 to 3.14 to the
same folders: tree-sitter ships one wheel per CPython version (no abi3 wheel), and an
extension module's file name carries its version (`_binding.cpython-312-...`), so one folder
serves them all. pip evaluates environment markers for the Python running it, not for
--python-version, so the backports that older versions need (`tomli; python_version <
"3.11"`) are added after. bundled/tool/run_wasmvet.py runs the result.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib.metadata import distributions
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # pip's own copy, present wherever pip is
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

EXTENSION = Path(__file__).resolve().parents[1]
SOURCE = Path(os.environ.get("WASMVET_SOURCE") or EXTENSION.parents[1])
LIBS = EXTENSION / "bundled" / "libs"
# VS Code's platform targets -> pip's --platform tags (each also accepts older glibc/macOS).
PLATFORMS = {
    "linux-x64": ["manylinux_2_28_x86_64", "manylinux2014_x86_64"],
    "linux-arm64": ["manylinux_2_28_aarch64", "manylinux2014_aarch64"],
    "alpine-x64": ["musllinux_1_2_x86_64"],
    "alpine-arm64": ["musllinux_1_2_aarch64"],
    "darwin-x64": ["macosx_11_0_x86_64"],
    "darwin-arm64": ["macosx_11_0_arm64"],
    "win32-x64": ["win_amd64"],
    "win32-arm64": ["win_arm64"],
}
PYTHONS = range(10, 15)  # CPython 3.10 (wasmvet's requires-python) to 3.14
COMPILED_310 = re.compile(r"\.(cpython-310[^.]*|cp310-[^.]+)\.(so|pyd)$")


def pip(*args: str) -> None:
    if subprocess.run([sys.executable, "-m", "pip", *args], check=False).returncode != 0:
        sys.exit(f"bundle.py: pip {args[0]} failed (see above)")


def for_python(platform: list[str], minor: int) -> list[str]:
    tags = [f"--platform={tag}" for tag in platform]
    return [*tags, "--only-binary=:all:", f"--python-version=3.{minor}", "--implementation=cp"]


def compiled_distributions() -> dict[str, str]:
    """Name -> version of each installed distribution with a CPython-3.10-only module."""
    found = {}
    for record in LIBS.glob("*.dist-info/RECORD"):
        if any(COMPILED_310.search(line.split(",")[0]) for line in record.read_text().splitlines()):
            name, version = record.parent.name.removesuffix(".dist-info").rsplit("-", 1)
            found[name] = version
    return found


def add_compiled_modules(platform: list[str], work: Path) -> None:
    """Copy each newer CPython's extension modules of the compiled distributions into LIBS."""
    for name, version in compiled_distributions().items():
        for minor in PYTHONS[1:]:
            folder = work / f"{name}-3.{minor}"
            wanted = [*for_python(platform, minor), f"{name}=={version}"]
            pip("download", "-q", "--no-deps", "-d", str(folder), *wanted)
            (wheel,) = folder.glob("*.whl")
            with zipfile.ZipFile(wheel) as archive:
                for member in archive.namelist():
                    if member.endswith((".so", ".pyd")) and ".dist-info/" not in member:
                        archive.extract(member, LIBS)


def python(minor: int) -> dict[str, str]:
    """The marker environment of CPython 3.<minor> (for a requirement, not an extra)."""
    return {"python_version": f"3.{minor}", "python_full_version": f"3.{minor}.0", "extra": ""}


def missing_requirements() -> set[str]:
    """Requirements of the installed distributions, for any CPython from 3.10 on, that no
    installed distribution meets (markers left out)."""
    installed = list(distributions(path=[str(LIBS)]))
    names = {canonicalize_name(d.metadata["Name"]) for d in installed}
    missing = set()
    for dist in installed:
        for line in dist.requires or []:
            requirement = Requirement(line)
            if canonicalize_name(requirement.name) in names:
                continue
            marker, requirement.marker = requirement.marker, None
            if marker is None or any(marker.evaluate(python(minor)) for minor in PYTHONS):
                missing.add(str(requirement))
    return missing


def main(target: str) -> None:
    if target not in PLATFORMS:
        sys.exit(f"bundle.py: unknown target {target!r} (one of {', '.join(PLATFORMS)})")
    platform = PLATFORMS[target]
    shutil.rmtree(LIBS, ignore_errors=True)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        if SOURCE.suffix == ".whl":
            wheel = SOURCE
        else:
            pip("wheel", "-q", "--no-deps", "-w", str(work / "wheel"), str(SOURCE))
            (wheel,) = (work / "wheel").glob("wasmvet-*.whl")
        install = ["install", "-q", "--no-compile", "--target", str(LIBS)]
        pip(*install, *for_python(platform, PYTHONS[0]), str(wheel))
        add_compiled_modules(platform, work)
        tried: set[str] = set()
        while missing := missing_requirements() - tried:
            tried |= missing
            pip(*install, "--no-deps", *for_python(platform, PYTHONS[0]), *sorted(missing))
    shutil.rmtree(LIBS / "bin", ignore_errors=True)  # console scripts with this build's shebang
    print(f"bundle.py: {target}: {sum(1 for _ in LIBS.iterdir())} entries in {LIBS}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
