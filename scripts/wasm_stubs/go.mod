module wasmvet/scripts/wasm_stubs

go 1.22
