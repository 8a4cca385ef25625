// The current user and the home directory on js/wasm: under Node.js Go reads the real
// /etc/passwd and environment; a browser page passes no environment and its stub fs has
// no files, so both fail there.
//
// oracle go-js: ok
// oracle go-js@browser: output "$HOME is not defined"
package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	u, err := user.Current() // want "WV307"
	fmt.Println("user:", u != nil, err)
	home, err := os.UserHomeDir() // want "WV307"
	fmt.Println("home:", home, err)
}
