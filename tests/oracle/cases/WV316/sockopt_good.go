// The socket options the fake network emulates work on wasm, so WV316 leaves
// them alone: SetReadBuffer and SetLinger return nil on every port, and the
// descriptor hand-off is guarded by runtime.GOOS.
//
// oracle go-js: ok
// oracle go-js: output "options ok"
// oracle go-wasip1: ok
// oracle go-wasip1: output "options ok"
// oracle native: ok
// oracle native: output "options ok"
package main

import (
	"fmt"
	"net"
	"runtime"
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
	tcp := conn.(*net.TCPConn)
	if err := tcp.SetReadBuffer(64 << 10); err != nil {
		fmt.Println("SetReadBuffer:", err)
		return
	}
	if err := tcp.SetLinger(0); err != nil {
		fmt.Println("SetLinger:", err)
		return
	}
	if runtime.GOOS != "js" && runtime.GOOS != "wasip1" {
		f, err := tcp.File()
		if err != nil {
			fmt.Println("file:", err)
			return
		}
		f.Close()
	}
	fmt.Println("options ok")
}
