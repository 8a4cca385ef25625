// The home directory comes from $HOME, which no common WASI host passes by default:
// neither wasmtime granting nothing nor Go's go_wasip1_wasm_exec (PWD and PATH only). A
// host that passes it (the scratch host: --env HOME=/home/user) is fine.
//
// oracle go-wasip1@bare: output "$HOME is not defined"
// oracle go-wasip1@go-script: output "$HOME is not defined"
// oracle go-wasip1@scratch: ok
// oracle go-wasip1@scratch: output "home: /home/user"
// oracle native: ok
package main

import (
	"fmt"
	"os"
)

func main() {
	home, err := os.UserHomeDir() // want "WV307"
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("home:", home)
}
