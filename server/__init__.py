"""wasmvet: find Go code that compiles for WebAssembly but hangs, deadlocks or fails there."""

__version__ = "0.1.0"

#: Where the project lives; rule pages are ``{HOMEPAGE}/blob/{DOCS_REF}/docs/rules/<CODE>.md``.
HOMEPAGE = "https://github.com/wasmvet/wasmvet"
#: The release's tag: documentation links name it, so they keep saying what this release does.
DOCS_REF = f"v{__version__}"
