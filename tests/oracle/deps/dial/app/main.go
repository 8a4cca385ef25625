// A database client (a dependency, which dials through another module) connects to a
// server outside the module: wasm has only Go's in-process fake network.
//
// oracle go-js: output "connect: Connection refused"
// oracle go-wasip1: output "connect: Connection refused"
package main

import (
	"fmt"
	"os"

	"example.com/store"
)

func main() {
	if err := store.Ping("127.0.0.1:5432"); err != nil { // want "WV304"
		fmt.Println(err)
		os.Exit(3)
	}
	fmt.Println("connected")
}
