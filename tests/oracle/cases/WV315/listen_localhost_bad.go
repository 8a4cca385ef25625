// A self-test server that listens on "localhost:0". On wasip1 the host name must be
// resolved, and there is neither /etc/hosts nor a DNS server in the sandbox, so Listen
// fails; "127.0.0.1:0" works. Under Node.js (js/wasm) Go reads the host's /etc/hosts, and
// so does a WASI host that preopens the host's own / (WV304/lookup_localhost_bad.go); an
// empty directory mounted as / (--dir SCRATCH::/) has no /etc/hosts.
//
// oracle go-wasip1: output "lookup localhost"
// oracle go-wasip1@bare: output "lookup localhost"
// oracle go-wasip1@scratch: output "lookup localhost"
// oracle native: ok
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	ln, err := net.Listen("tcp", "localhost:0") // want "WV315" "WV305"
	if err != nil {
		fmt.Println(err)
		os.Exit(0)
	}
	defer ln.Close()
	fmt.Println("listening")
}
