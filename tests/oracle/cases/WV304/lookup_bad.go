// Resolving a host name. The pure-Go resolver reads /etc/resolv.conf (absent) and
// then sends the query over the in-process fake network, which drops it.
//
// oracle go-js: output "write: Connection reset by peer"
// oracle go-wasip1: output "write: Connection reset by peer"
package main

import (
	"fmt"
	"net"
)

func main() {
	addrs, err := net.LookupHost("example.com") // want "WV304"
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(addrs), "addresses")
}
