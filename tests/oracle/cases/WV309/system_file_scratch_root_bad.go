// os.ReadFile of a file of the host system (/etc/hosts, /proc/..., /dev/...) when the WASI
// host mounts a directory of its own as the guest's / (wasmtime run --dir SCRATCH::/): the
// guest sees that directory, which holds only what the user put there, not the host's /etc.
// With the host's own / preopened (Go's go_wasip1_wasm_exec) the file is there.
//
// oracle go-wasip1@scratch: output "open /etc/hosts: No such file or directory"
// oracle go-wasip1@go-script: ok
// oracle go-wasip1@go-script: output "read ok"
package main

import (
	"fmt"
	"os"
)

func main() {
	data, err := os.ReadFile("/etc/hosts") // want "WV309"
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("read ok", len(data) > 0)
}
