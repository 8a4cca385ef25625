// fixture-tinygo: 0.41
// (recover() is unsupported on wasm up to TinyGo 0.41)

package main

import (
	"sync"

	"example.com/waiter"
	"example.com/worker"
)

//go:wasmexport process
func process() int32 {
	waiter.Flush() // want "WV505"
	var wg sync.WaitGroup
	waiter.Drain(&wg)     // want "WV505"
	worker.Run(func() {}) // want "WV505"
	start := worker.Deferred(func() {})
	_ = start
	n, err := worker.Load(nil) // want "WV506"
	if err != nil {
		return -1
	}
	defer worker.Protect()
	worker.Report("x") // want "WV502"
	return int32(n + waiter.Size())
}

func main() {}

//go:wasmexport serve
func serve() {
	worker.Listen() // want "WV505"
}
