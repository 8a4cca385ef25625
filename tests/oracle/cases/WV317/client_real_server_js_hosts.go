// Which servers net/http's client reaches on each js host. In a browser it uses fetch(),
// so a real server (here the one that served the page) answers. Under Node.js
// roundtrip_js.go turns fetch off and the client dials Go's in-process fake network, so a
// real server (here one started with Node's own http module, listening on 127.0.0.1) is
// never reached: the dial is refused.
//
// oracle go-js: exit 1
// oracle go-js: output "request failed: Get \"http://127.0.0.1:"
// oracle go-js: output "connect: Connection refused"
// oracle go-js@browser: ok
// oracle go-js@browser: output "status 200"
package main

import (
	"fmt"
	"net/http"
	"os"
	"syscall/js"
)

func main() {
	var url string
	if location := js.Global().Get("location"); location.Truthy() {
		url = location.Get("origin").String() + "/wasm_exec.js" // the page's own server
	} else {
		url = nodeServer()
	}
	resp, err := http.Get(url)
	if err != nil {
		fmt.Println("request failed:", err)
		os.Exit(1)
	}
	resp.Body.Close()
	fmt.Println("status", resp.StatusCode)
}

// nodeServer starts a real HTTP server with Node's http module and returns its URL.
func nodeServer() string {
	ports := make(chan int, 1)
	handler := js.FuncOf(func(this js.Value, args []js.Value) any {
		args[1].Call("end", "hello")
		return nil
	})
	server := js.Global().Call("require", "http").Call("createServer", handler)
	listening := js.FuncOf(func(this js.Value, args []js.Value) any {
		ports <- server.Call("address").Get("port").Int()
		return nil
	})
	server.Call("listen", 0, "127.0.0.1", listening)
	return fmt.Sprintf("http://127.0.0.1:%d/", <-ports)
}
