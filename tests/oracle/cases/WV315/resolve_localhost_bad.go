// Resolving "localhost" on wasip1 reads /etc/hosts: with nothing preopened the resolver
// falls back to DNS, which the sandbox cannot reach; with / preopened (Go's
// go_wasip1_wasm_exec) the name resolves.
//
// oracle go-wasip1: output "lookup localhost"
// oracle go-wasip1@bare: output "lookup localhost"
// oracle go-wasip1@go-script: ok
// oracle go-wasip1@go-script: output "resolved 127.0.0.1:80"
// oracle native: ok
package main

import (
	"fmt"
	"net"
)

func main() {
	addr, err := net.ResolveTCPAddr("tcp4", "localhost:80") // want "WV315"
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("resolved", addr)
}
