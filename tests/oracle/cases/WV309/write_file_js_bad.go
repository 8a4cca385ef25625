// Writing and reading a file on js/wasm: under Node.js the fs module does it; in a
// browser wasm_exec.js's stub fs answers ENOSYS ("not implemented").
//
// oracle go-js: ok
// oracle go-js: output "read x"
// oracle go-js@browser: output "not implemented"
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := os.WriteFile("out.txt", []byte("x"), 0o644); err != nil { // want "WV309"
		fmt.Println(err)
		return
	}
	data, err := os.ReadFile("out.txt") // want "WV309"
	fmt.Println("read", string(data), err)
}
