// Turning an inherited file descriptor into a listener (socket activation).
// js/wasm has no OS sockets to wrap (on wasip1 this is how a host-preopened socket is
// served, so only go-js is expected to fail here).
//
// oracle go-js: output "Protocol not available"
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
