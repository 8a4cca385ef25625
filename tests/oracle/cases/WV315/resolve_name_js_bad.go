// A client resolves a service name that no /etc/hosts lists. On js/wasm the lookup goes to
// the in-process network's DNS, which answers nothing: it fails under Node.js and in a
// browser alike.
//
// oracle go-js: output "lookup api.internal"
// oracle go-js@browser: output "lookup api.internal"
package main

import (
	"fmt"
	"net"
)

func main() {
	_, err := net.ResolveTCPAddr("tcp", "api.internal:80") // want "WV315"
	fmt.Println(err)
}
