// Asking for four Ps to get parallel speed-up. WebAssembly has no threads: the
// runtime clamps GOMAXPROCS to 1, so the request is silently ignored and every
// goroutine still runs on one thread.
//
// oracle go-js: output "GOMAXPROCS 1"
// oracle go-wasip1: output "GOMAXPROCS 1"
// oracle native: output "GOMAXPROCS 4"
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(4) // want "WV104"
	fmt.Println("GOMAXPROCS", runtime.GOMAXPROCS(0))
}
