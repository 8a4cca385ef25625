"""Runs the wasmvet bundled in the VS Code extension (../libs, filled by scripts/bundle.py)
with whatever Python runs this file, isolated from that Python's own packages:

    python3 -I -S run_wasmvet.py server
"""

import os
import sys

if sys.version_info < (3, 10):  # noqa: UP036 (any Python runs this far: no f-string, no pathlib)
    sys.exit(
        "the bundled wasmvet needs Python 3.10 or later; {} is {}".format(  # noqa: UP032
            sys.executable, sys.version.split()[0]
        )
    )

sys.path.insert(
    0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
)
sys.argv[0] = "wasmvet"
try:  # compiled modules: built for some CPython versions and one platform only
    import tree_sitter  # noqa: F401
    import tree_sitter_go  # noqa: F401

    from wasmvet.cli import main
except ImportError as error:
    sys.exit(
        f"the bundled wasmvet cannot load its libraries with {sys.executable} "
        f"(Python {sys.version.split()[0]}, {sys.platform}): {error}"
    )

sys.exit(main())
