// Dialing a TCP address. The wasm ports ship a fake in-process network, and
// nothing there listens on the port.
//
// oracle go-js: output "connect: Connection refused"
// oracle go-wasip1: output "connect: Connection refused"
// oracle native: ok
package main

import (
	"fmt"
	"net"
	"time"
)

func main() {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:9", time.Second) // want "WV304"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close()
	fmt.Println("connected to", conn.RemoteAddr())
}
