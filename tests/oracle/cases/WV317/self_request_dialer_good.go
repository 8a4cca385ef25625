// The fix for a program that requests its own server: a Transport with a DialContext of its
// own. roundtrip_js.go uses fetch() only when no dial function is set, so this client
// dials Go's in-process network in a browser too, and the request is served on both hosts.
//
// oracle go-js: ok
// oracle go-js: output "status 200 hello"
// oracle go-js@browser: ok
// oracle go-js@browser: output "status 200 hello"
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

	client := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{}).DialContext}}
	resp, err := client.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		fmt.Println("request failed:", err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println("status", resp.StatusCode, string(body))
}
