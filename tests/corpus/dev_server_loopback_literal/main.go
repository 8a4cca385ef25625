// dev_server_loopback_literal: the dev tool prints the loopback literal and only
// parses addresses, without any name lookup.
package main

import (
	"fmt"
	"net"
	"net/netip"
)

func main() {
	lo := netip.MustParseAddr("127.0.0.1")
	banner := "http://" + net.JoinHostPort(lo.String(), "8080")
	fmt.Println("listening on", banner)
	if lo.IsLoopback() && banner == "http://127.0.0.1:8080" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
