// Looking up the current user. On wasip1 there is no /etc/passwd to read, so
// the pure-Go fallback needs $USER and $HOME, and a WASI host passes no
// environment by default. The oracle's runner inherits the host environment, so
// the program drops $USER itself to behave the same everywhere. (js/wasm under
// Node reads the host's /etc/passwd and succeeds.)
//
// With / preopened (Go's go_wasip1_wasm_exec), os/user reads /etc/passwd for uid 1; with an
// empty directory mounted as / (--dir SCRATCH::/) there is no /etc/passwd, $HOME is not enough.
//
// oracle go-wasip1: output "user: Current requires cgo or $USER"
// oracle go-wasip1@bare: output "user: Current requires cgo or $USER, $HOME set"
// oracle go-wasip1@go-script: ok
// oracle go-wasip1@go-script: output "user: "
// oracle go-wasip1@scratch: output "user: Current requires cgo or $USER set in environment"
package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	os.Unsetenv("USER")
	u, err := user.Current() // want "WV307"
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("user:", u.Username)
}
