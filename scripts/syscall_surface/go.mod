module wasmvet/scripts/syscall_surface

go 1.22
