// Package serve runs a module's request loop.
package serve

// Forever waits for requests until the host stops the module: it never returns.
func Forever() {
	select {}
}

// Once handles one request and returns.
func Once() {}
