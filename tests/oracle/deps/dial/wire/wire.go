// Package wire opens connections.
package wire

import "net"

// Connect dials a TCP address.
func Connect(address string) (net.Conn, error) {
	return net.Dial("tcp", address)
}
