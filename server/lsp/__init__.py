"""The wasmvet language server (LSP over stdio or TCP), built on pygls."""
