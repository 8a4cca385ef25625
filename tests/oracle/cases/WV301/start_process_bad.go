// Starting a process directly with os.StartProcess. The syscall layer of both
// wasm ports has no fork/exec and returns ENOSYS.
//
// oracle go-js: output "fork/exec /bin/sh: not implemented on js"
// oracle go-wasip1: output "fork/exec /bin/sh: Not implemented on wasip1"
// oracle native: ok
package main

import (
	"fmt"
	"os"
)

func main() {
	attr := &os.ProcAttr{Files: []*os.File{os.Stdin, os.Stdout, os.Stderr}}
	p, err := os.StartProcess("/bin/sh", []string{"sh", "-c", "exit 0"}, attr) // want "WV301"
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := p.Wait()
	fmt.Println("exited:", st, err)
}
