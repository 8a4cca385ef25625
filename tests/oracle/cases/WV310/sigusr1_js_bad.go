// Reloading configuration on SIGUSR1. wasip1's syscall package declares the
// Unix signal numbers, so this builds there (the signal never comes, see
// WV303); js/wasm's declares only a handful of signals and SIGUSR1 is not one
// of them, so the js build fails.
//
// oracle go-js: compile-error "undefined: syscall.SIGUSR1"
// oracle go-wasip1: ok
// oracle native: ok
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	reload := make(chan os.Signal, 1)
	signal.Notify(reload, syscall.SIGUSR1) // want "WV310"
	defer signal.Stop(reload)
	fmt.Println("waiting for SIGUSR1 to reload")
}
