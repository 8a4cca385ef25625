// A scratch directory from os.MkdirTemp("", ...) on wasip1: the default directory is
// os.TempDir(), $TMPDIR or /tmp, which a WASI guest reaches only when its host preopens
// a directory holding it. A host granting nothing fails (EBADF); Go's go_wasip1_wasm_exec
// preopens / and it works (temp_dir_scratch_root_bad.go: an empty directory mounted as /).
//
// oracle go-wasip1@bare: output "mkdir /tmp/scratch-"
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
	defer os.RemoveAll(dir) // want "WV309"
	fmt.Println("scratch ok")
}
