// Listening on a TCP port "succeeds" on the wasm ports, but the listener lives in
// the in-process fake network: nothing outside the module can connect to it. The
// give-away is the "ephemeral" port it hands out: 1, where a kernel picks a high
// port.
//
// oracle go-js: output "listening on 127.0.0.1:1\n"
// oracle go-wasip1: output "listening on 127.0.0.1:1\n"
// oracle native: ok
package main

import (
	"fmt"
	"net"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // want "WV305"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	fmt.Println("listening on", ln.Addr())
}
