// Package ui runs a user interface in the browser and does nothing elsewhere.
package ui

import "runtime"

// RunWhenOnBrowser serves the UI forever on js and returns at once elsewhere.
func RunWhenOnBrowser() {
	if runtime.GOOS != "js" {
		return
	}
	select {}
}
