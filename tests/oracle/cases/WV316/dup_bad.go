// Duplicating standard output to keep a handle to it. syscall.Dup compiles on
// both wasm ports and is a stub there that returns ENOSYS on every path
// ($GOROOT/src/syscall/syscall_js.go, fs_wasip1.go).
//
// oracle go-js: output "dup: not implemented on js"
// oracle go-wasip1: output "dup: Not implemented on wasip1"
// oracle native: ok
// oracle native: output "dup ok"
package main

import (
	"fmt"
	"syscall"
)

func main() {
	fd, err := syscall.Dup(1) // want "WV316"
	if err != nil {
		fmt.Println("dup:", err)
		return
	}
	syscall.Close(fd)
	fmt.Println("dup ok")
}
