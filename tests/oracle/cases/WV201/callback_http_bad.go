// An HTTP request from inside a js.FuncOf callback. In browsers the Fetch-based
// transport waits for a promise that can only settle once the callback has
// returned to the event loop: deadlock (seen here when Node is started under
// another argv0, which keeps Fetch on). Under Node.js as go_js_wasm_exec runs it
// (argv0 "node"), Go uses the in-process network and the request fails at once.
//
// oracle go-js: output "connect: Connection refused"
// oracle-fixed go-js: ok
// oracle-fixed go-js: output "connect: Connection refused"
package main

import (
	"fmt"
	"net/http"
	"syscall/js"
)

func main() {
	done := make(chan string, 1)
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		resp, err := http.Get("http://127.0.0.1:9/") // want "WV201"
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
