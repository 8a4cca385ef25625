// Memory-mapping a file (the program itself) for fast reads. The wasm ports' syscall packages have
// no Mmap (nor its PROT_ and MAP_ constants), so the program does not compile.
//
// oracle go-js: compile-error "undefined: syscall.Mmap"
// oracle go-wasip1: compile-error "undefined: syscall.Mmap"
// oracle native: ok
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	f, err := os.Open(os.Args[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	data, err := syscall.Mmap(int(f.Fd()), 0, 4, syscall.PROT_READ, syscall.MAP_SHARED) // want "WV310"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer syscall.Munmap(data) // want "WV310"
	fmt.Printf("magic %q\n", data)
}
