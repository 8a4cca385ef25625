// Package worker schedules work through package pool.
package worker

import (
	"os"
	"text/template"

	"example.com/pool"
)

// Run starts the job in the background.
func Run(job func()) {
	pool.Submit(job)
}

// Deferred only prepares the start.
func Deferred(job func()) func() {
	return pool.Later(job)
}

// Load decodes a configuration.
func Load(data []byte) (int, error) {
	return pool.Decode(data)
}

// Protect returns a recovering function for its caller to defer.
func Protect() func() {
	return pool.Guard()
}

// Report renders a report with text/template.
func Report(name string) error {
	t := template.Must(template.New("r").Parse("{{.}}\n"))
	return t.Execute(os.Stdout, name)
}

// Listen serves until the host stops the module.
func Listen() {
	pool.Serve()
}
