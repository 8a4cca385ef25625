// An HTTP request from inside a js.FuncOf callback, to the program's own server. In a
// browser net/http's client uses fetch(), whose promise can only settle once the callback
// has returned to the event loop: deadlock. Under Node.js (argv0 "node") roundtrip_js.go
// turns fetch off and the client dials Go's in-process network, which needs no JS event:
// the request is served from inside the callback. (Run as a goroutine, the browser's
// request then fails as WV317 says: fetch cannot reach the in-process listener.)
//
// oracle go-js: ok
// oracle go-js: output "200 OK"
// oracle go-js@browser: deadlock
// oracle-fixed go-js: ok
// oracle-fixed go-js@browser: output "TypeError: Failed to fetch"
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall/js"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello")
	}))
	url := "http://" + ln.Addr().String() + "/"

	done := make(chan string, 1)
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		resp, err := http.Get(url) // want "WV201" "WV317"
		if err != nil {
			done <- err.Error()
			return nil
		}
		resp.Body.Close()
		done <- resp.Status
		return nil
	})
	defer cb.Release()
	js.Global().Call("setTimeout", cb, 10)
	fmt.Println(<-done)
}
