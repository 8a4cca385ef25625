// Creating an OS pipe, typically to talk to a child process or to capture
// output. Neither wasm port implements pipe(2).
//
// oracle go-js: output "pipe: not implemented on js"
// oracle go-wasip1: output "pipe: Not implemented on wasip1"
// oracle native: ok
package main

import (
	"fmt"
	"os"
)

func main() {
	r, w, err := os.Pipe() // want "WV301"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	fmt.Fprintln(w, "hello")
	w.Close()
	buf := make([]byte, 16)
	n, _ := r.Read(buf)
	fmt.Printf("read %q\n", buf[:n])
}
