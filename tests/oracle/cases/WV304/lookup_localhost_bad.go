// Looking up "localhost": Go's resolver reads /etc/hosts first. Node.js gives it the host's
// file, and so does a WASI host that preopens / (Go's go_wasip1_wasm_exec); a browser's
// stub fs, a WASI host granting nothing and one that mounts an empty directory as / do
// not, and the DNS query that follows goes to
// the in-process fake network, which drops it.
//
// oracle go-js: ok
// oracle go-js: output "[127.0.0.1] <nil>"
// oracle go-js@browser: output "lookup localhost"
// oracle go-wasip1@bare: output "lookup localhost"
// oracle go-wasip1@go-script: ok
// oracle go-wasip1@go-script: output "[127.0.0.1] <nil>"
// oracle go-wasip1@scratch: output "lookup localhost"
package main

import (
	"fmt"
	"net"
)

func main() {
	fmt.Println(net.LookupHost("localhost")) // want "WV304"
}
