// Package store is a client for a database server.
package store

import "example.com/wire"

// Ping checks that the server answers.
func Ping(address string) error {
	conn, err := wire.Connect(address)
	if err != nil {
		return err
	}
	return conn.Close()
}
