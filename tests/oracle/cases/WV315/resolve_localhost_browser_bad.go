// A dev server resolves "localhost:8080" before it binds. On js/wasm Go resolves the name
// itself: under Node.js it reads the host's /etc/hosts, which lists localhost; in a browser
// wasm_exec.js's stub fs has no files, so the lookup goes to the in-process network's DNS,
// which answers nothing. "127.0.0.1:8080" works on both.
//
// oracle go-js: ok
// oracle go-js: output "127.0.0.1:8080"
// oracle go-js@browser: output "lookup localhost"
// oracle native: ok
package main

import (
	"fmt"
	"net"
)

func main() {
	addr, err := net.ResolveTCPAddr("tcp", "localhost:8080") // want "WV315"
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(addr)
}
