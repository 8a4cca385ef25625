// Handing a connection's descriptor to another component with (*net.TCPConn).File.
// On both wasm ports the connection lives on Go's in-process fake network, whose
// dup is a stub returning ENOSYS ($GOROOT/src/net/net_fake.go): File fails on
// wasip1 as on js, wrapped as "file tcp A->B: dup: ...".
//
// oracle go-js: output "file: dup: not implemented on js"
// oracle go-js: output "file tcp "
// oracle go-wasip1: output "file: dup: Not implemented on wasip1"
// oracle go-wasip1: output "file tcp "
// oracle native: ok
// oracle native: output "file ok"
package main

import (
	"errors"
	"fmt"
	"net"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			c.Close()
		}
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	defer conn.Close()
	f, err := conn.(*net.TCPConn).File() // want "WV316"
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) {
			fmt.Println("file:", op.Err)
		}
		fmt.Println(err)
		return
	}
	f.Close()
	fmt.Println("file ok")
}
