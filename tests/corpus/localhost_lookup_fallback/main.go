// localhost_lookup_fallback: a dev server prints the addresses it will bind, resolving
// "localhost" and falling back to the loopback address when the name cannot be resolved.
package main

import (
	"fmt"
	"net"
)

func loopback() string {
	addrs, err := net.LookupHost("localhost")
	if err != nil || len(addrs) == 0 {
		addrs = []string{"127.0.0.1"}
	}
	return addrs[0]
}

func main() {
	addr := loopback()
	fmt.Println("binding", net.JoinHostPort(addr, "8080"))
	if ip := net.ParseIP(addr); ip != nil && ip.IsLoopback() {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
