// Package rpcclient calls a service over package h2.
package rpcclient

import "example.com/h2"

// Call sends one request.
func Call() error {
	return h2.Do()
}
