"""wasmvet: find Go code that compiles for WebAssembly but hangs, deadlocks or fails there."""

__version__ = "0.1.0"
