// Package old is example.com/old, replaced by example.com/swapped v2.0.0.
package old

import "net"

// Dial connects to a server outside the module.
func Dial() error {
	conn, err := net.Dial("tcp", "db.internal:5432")
	if err != nil {
		return err
	}
	return conn.Close()
}
