// An HTTP request with the default client. On wasip1 the transport dials through
// the in-process fake network, where nothing is listening. (On js/wasm the
// transport uses the Fetch API instead, unless it detects Node by argv0 "node".)
//
// oracle go-wasip1: output "dial tcp 127.0.0.1:9: address 127.0.0.1:9: connect: Connection refused"
// oracle native: ok
package main

import (
	"fmt"
	"net/http"
)

func main() {
	resp, err := http.Get("http://127.0.0.1:9/") // want "WV304"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	fmt.Println(resp.Status)
}
