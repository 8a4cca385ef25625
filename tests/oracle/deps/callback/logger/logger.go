// Package logger logs through package format, another module.
package logger

import "example.com/format"

// Log writes a message.
func Log(message string) {
	format.Line("log: " + message)
}
