// A program that requests its own server: both live on Go's in-process network. Under
// Node.js net/http's client dials that network (roundtrip_js.go turns fetch off when
// process.argv0 starts with "node") and the request is served; in a browser the client
// uses fetch(), which goes to the real network, where nothing listens on the fake port.
//
// oracle go-js: ok
// oracle go-js: output "status 200 hello"
// oracle go-js@browser: output "Get \"http://127.0.0.1:"
// oracle go-js@browser: output "TypeError: Failed to fetch"
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") })
	go http.Serve(ln, mux)

	resp, err := http.Get("http://" + ln.Addr().String() + "/") // want "WV317"
	if err != nil {
		fmt.Println("request failed:", err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println("status", resp.StatusCode, string(body))
}
