// dev_server_localhost_addr: a dev tool resolves "localhost" to decide which loopback
// address to print in its "listening on" banner.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	if err != nil {
		fmt.Fprintln(os.Stderr, "resolve localhost:", err)
		os.Exit(1)
	}
	banner := ""
	for _, a := range addrs {
		if ip := net.ParseIP(a); ip != nil && ip.IsLoopback() {
			banner = "http://" + net.JoinHostPort(a, "8080")
			break
		}
	}
	fmt.Println("listening on", banner)
	if banner != "" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
