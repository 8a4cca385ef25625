// Tuning a TCP connection: disable Nagle's algorithm, turn on keep-alive probes
// and size the socket buffers. On wasm the connection lives on Go's in-process
// fake network, which does not silently ignore these options: the TCP options
// fail with ENOPROTOOPT and SetWriteBuffer with ENOTSUP (only SetReadBuffer and
// SetLinger are emulated), so code that checks the errors gives up on a
// connection that works. (The in-process listener and dial work here; the
// linter flags them anyway, as WV305 and WV304.)
//
// oracle go-js: output "SetNoDelay: Protocol not available"
// oracle go-js: output "SetKeepAlive: Protocol not available"
// oracle go-js: output "SetKeepAlivePeriod: Protocol not available"
// oracle go-js: output "SetWriteBuffer: setWriteBuffer: Operation not supported"
// oracle go-js: output "setsockopt failed"
// oracle go-wasip1: output "SetNoDelay: Protocol not available"
// oracle go-wasip1: output "SetKeepAlive: Protocol not available"
// oracle go-wasip1: output "SetKeepAlivePeriod: Protocol not available"
// oracle go-wasip1: output "SetWriteBuffer: setWriteBuffer: Not supported"
// oracle go-wasip1: output "setsockopt failed"
// oracle native: ok
// oracle native: output "setsockopt ok"
package main

import (
	"errors"
	"fmt"
	"net"
	"time"
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
	failed := false
	for _, opt := range []struct {
		name string
		err  error
	}{
		{"SetNoDelay", tcp.SetNoDelay(false)},                       // want "WV306"
		{"SetKeepAlive", tcp.SetKeepAlive(true)},                    // want "WV306"
		{"SetKeepAlivePeriod", tcp.SetKeepAlivePeriod(time.Minute)}, // want "WV306"
		{"SetReadBuffer", tcp.SetReadBuffer(64 << 10)},
		{"SetWriteBuffer", tcp.SetWriteBuffer(64 << 10)}, // want "WV306"
		{"SetLinger", tcp.SetLinger(0)},
	} {
		if opt.err != nil {
			fmt.Printf("%s: %v\n", opt.name, errors.Unwrap(opt.err))
			failed = true
		}
	}
	if failed {
		fmt.Println("setsockopt failed")
		return
	}
	fmt.Println("setsockopt ok")
}
