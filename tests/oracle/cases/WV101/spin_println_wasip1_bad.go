// A busy-wait that writes to stderr on every iteration (an empty string keeps the
// log small; the write call is what matters). On js/wasm under Node a write is an
// asynchronous fs call, so the goroutine parks and the setter runs. In a browser
// wasm_exec.js's stub fs calls back at once, but Go runs every other goroutine before a
// callback returns to JS, so the setter runs there too. On wasip1 fd_write is
// synchronous and the loop never yields.
//
// oracle go-js: ok
// oracle go-js@browser: ok
// oracle go-wasip1: hang
// oracle native: ok
// oracle-fixed go-wasip1: ok
package main

import (
	"fmt"
	"os"
	"sync/atomic"
)

func main() {
	var done atomic.Bool
	go func() { done.Store(true) }()
	for !done.Load() { // want "WV101"
		fmt.Fprint(os.Stderr, "") // an empty write still calls write(2)
	}
	fmt.Println("done")
}
