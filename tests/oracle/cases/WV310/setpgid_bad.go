// Starting a child in its own process group so that it survives Ctrl-C. The
// wasm ports' SysProcAttr is an empty struct: the field does not exist and the
// program does not compile. (If it did, starting the process would fail too:
// WV301.)
//
// oracle go-js: compile-error "unknown field Setpgid in struct literal of type syscall.SysProcAttr"
// oracle go-wasip1: compile-error "unknown field Setpgid in struct literal of type syscall.SysProcAttr"
// oracle native: ok
package main

import (
	"fmt"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command("true")                           // want "WV301"
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // want "WV310"
	fmt.Println("run:", cmd.Run())
}
