// A scratch directory and file from os.MkdirTemp and os.CreateTemp on js/wasm: under
// Node.js the fs module creates them in the host's temporary directory; in a browser
// wasm_exec.js's stub fs answers ENOSYS ("not implemented").
//
// oracle go-js: ok
// oracle go-js: output "scratch ok"
// oracle go-js@browser: output "not implemented"
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	dir, err := os.MkdirTemp("", "scratch-") // want "WV309"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir) // want "WV309"
	f, err := os.CreateTemp(dir, "part-") // want "WV309"
	if err != nil {
		fmt.Println(err)
		return
	}
	f.Close()
	fmt.Println("scratch", map[bool]string{true: "ok"}[filepath.Dir(f.Name()) == dir])
}
