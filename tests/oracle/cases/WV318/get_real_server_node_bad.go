// A request to a real server through net/http's default client. Under Node.js the client
// does not use fetch (roundtrip_js.go turns it off when process.argv0 starts with "node"):
// it dials Go's in-process fake network, whose resolver cannot look the name up, so the
// request fails without ever leaving the process. (In a browser it would go through
// fetch(): see WV317/client_real_server_js_hosts.go, where the page's own server answers.)
//
// oracle go-js: exit 1
// oracle go-js: output "request failed: Get \"http://example.com/\": dial tcp: lookup example.com"
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get("http://example.com/") // want "WV318"
	if err != nil {
		fmt.Println("request failed:", err)
		os.Exit(1)
	}
	resp.Body.Close()
	fmt.Println("status", resp.StatusCode)
}
