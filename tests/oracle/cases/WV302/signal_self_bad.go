// Asking the current process to terminate itself with a signal, e.g. to reuse
// a SIGTERM shutdown path. js/wasm has no kill: Signal returns ENOSYS and the
// program carries on. wasip1 has no signals either, so Go turns a signal to self
// into proc_exit(128+15); wasmtime rejects exit statuses >= 126 and aborts the
// run with an error ("after signal" is never printed). Natively the process dies
// of SIGTERM, which the format cannot express, so there is no native line.
//
// oracle go-js: output "not implemented on js"
// oracle go-js: output "after signal"
// oracle go-wasip1: exit 1
// oracle go-wasip1: output "exit with invalid exit status outside of [0..126)"
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	p, _ := os.FindProcess(os.Getpid())
	err := p.Signal(syscall.SIGTERM) // want "WV302"
	fmt.Println(err)
	fmt.Println("after signal")
}
