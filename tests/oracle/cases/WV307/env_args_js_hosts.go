// What a js/wasm program gets for arguments and environment. Under Node.js
// wasm_exec_node.js passes process.argv from the .wasm path on (os.Args[0] is that path)
// and process.env plus TMPDIR; in a browser wasm_exec.js passes os.Args = ["js"] and no
// environment at all, so every os.Getenv is "" (and $HOME, $USER: see user_home_js_bad.go).
//
// oracle go-js: ok
// oracle go-js: output "args: 1 first is js: false"
// oracle go-js: output "PATH passed: true TMPDIR passed: true"
// oracle go-js@browser: exit 1
// oracle go-js@browser: output "args: 1 first is js: true"
// oracle go-js@browser: output "PATH passed: false TMPDIR passed: false"
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("args:", len(os.Args), "first is js:", os.Args[0] == "js")
	fmt.Println("PATH passed:", os.Getenv("PATH") != "", "TMPDIR passed:", os.Getenv("TMPDIR") != "")
	if len(os.Environ()) == 0 {
		fmt.Println("no environment")
		os.Exit(1)
	}
}
