// Turning an inherited file descriptor into a listener (socket activation).
// Neither wasm port can make a socket out of a file; the errors differ.
//
// oracle go-js: output "Protocol not available"
// oracle go-wasip1: output "Socket operation on non-socket"
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	ln, err := net.FileListener(os.Stdin) // want "WV304"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	fmt.Println("listening on", ln.Addr())
}
