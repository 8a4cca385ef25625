//go:build js && wasm

// js_console_logger: a leveled logger writing structured entries to the JS console (console.info,
// console.warn, console.error), used by several worker goroutines processing orders; the
// logger keeps per-level counts which are checked at the end.
package main

import (
	"fmt"
	"sync"
	"syscall/js"
)

type logger struct {
	mu      sync.Mutex
	console js.Value
	counts  map[string]int
}

func (l *logger) log(level, msg string, fields map[string]any) {
	obj := js.Global().Get("Object").New()
	for k, v := range fields {
		obj.Set(k, v)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.counts[level]++
	l.console.Call(level, "["+level+"] "+msg, js.Global().Get("JSON").Call("stringify", obj))
}

func main() {
	lg := &logger{console: js.Global().Get("console"), counts: map[string]int{}}
	orders := []int{120, -5, 40, 0, 999, 75}

	var wg sync.WaitGroup
	results := make([]bool, len(orders))
	for i, amount := range orders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch {
			case amount < 0:
				lg.log("error", "invalid amount", map[string]any{"order": i, "amount": amount})
			case amount == 0 || amount > 500:
				lg.log("warn", "needs review", map[string]any{"order": i, "amount": amount})
			default:
				lg.log("info", "accepted", map[string]any{"order": i, "amount": amount})
				results[i] = true
			}
		}()
	}
	wg.Wait()

	accepted := 0
	for _, ok := range results {
		if ok {
			accepted++
		}
	}
	fmt.Printf("info=%d warn=%d error=%d accepted=%d\n",
		lg.counts["info"], lg.counts["warn"], lg.counts["error"], accepted)
	if lg.counts["info"] == 3 && lg.counts["warn"] == 2 && lg.counts["error"] == 1 && accepted == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
