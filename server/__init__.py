"""wasmvet: find Go code that compiles for WebAssembly but hangs, deadlocks or fails there."""

__version__ = "0.1.0"

#: Where the project lives; rule documentation is ``{HOMEPAGE}/blob/main/docs/rules/<CODE>.md``.
HOMEPAGE = "https://github.com/wasmvet/wasmvet"
