// Package deep calls into another module: the hazard is two package boundaries away.
package deep

import "example.com/deeper"

// Start launches the worker.
func Start() {
	deeper.Launch()
}
