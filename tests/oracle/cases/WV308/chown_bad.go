// Handing a freshly written file to its owner, as an installer or a server that
// drops privileges does. WASI preview 1 has no file owners, so even a chown to
// the file's current owner fails on wasip1. (js/wasm under Node passes it on to
// the host's fs.chown, which succeeds.)
//
// oracle-preopen
// oracle go-wasip1: output "chown /config.json: Not implemented on wasip1"
// oracle go-wasip1: output "chown failed"
// oracle native: ok
// oracle native: output "chown ok"
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

func main() {
	dir := "."
	if runtime.GOOS == "wasip1" {
		dir = "/" // the directory the host preopened
	}
	path := filepath.Join(dir, "config.json")
	if err := os.WriteFile(path, []byte("{}\n"), 0o644); err != nil {
		fmt.Println("write:", err)
		return
	}
	if err := os.Chown(path, os.Getuid(), os.Getgid()); err != nil { // want "WV308"
		fmt.Println(err)
		fmt.Println("chown failed")
		return
	}
	fmt.Println("chown ok")
}
