// Package local is a replacement directory next to the app.
package local

import "net/http"

// Serve listens on a port.
func Serve() error {
	return http.ListenAndServe(":8080", nil)
}
