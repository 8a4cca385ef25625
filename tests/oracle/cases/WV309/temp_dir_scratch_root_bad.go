// os.MkdirTemp("", ...) when the WASI host mounts an empty directory of its own as the
// guest's / (wasmtime run --dir SCRATCH::/): the default directory /tmp is not there, since
// the guest sees the scratch directory, not the host's file system. With the host's own /
// preopened (Go's go_wasip1_wasm_exec) /tmp exists and it works. A directory the program
// names and creates itself works on both.
//
// oracle go-wasip1@scratch: output "stat /tmp: No such file or directory"
// oracle go-wasip1@go-script: ok
// oracle go-wasip1@go-script: output "scratch ok"
package main

import (
	"fmt"
	"os"
)

func main() {
	dir, err := os.MkdirTemp("", "scratch-") // want "WV309"
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("scratch ok")
	os.RemoveAll(dir)
}
