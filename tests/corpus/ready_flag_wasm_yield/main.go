// ready_flag_wasm_yield: a low-latency handoff between a loader goroutine and the
// main goroutine through an atomic "ready" flag. On multi-core machines spinning is
// cheapest; on wasm (one thread, no preemption) the waiter must yield.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

type table struct {
	ready atomic.Bool
	rows  map[string]int
}

func (t *table) load() {
	rows := make(map[string]int, 1000)
	for i := 0; i < 1000; i++ {
		rows[fmt.Sprintf("sku-%04d", i)] = i * 3
	}
	t.rows = rows
	t.ready.Store(true)
}

func (t *table) waitReady() {
	for spins := 0; !t.ready.Load(); spins++ {
		if runtime.GOARCH == "wasm" || spins > 1000 {
			runtime.Gosched()
		}
	}
}

func main() {
	t := &table{}
	go t.load()

	t.waitReady()
	price := t.rows["sku-0042"]
	fmt.Println("rows:", len(t.rows), "sku-0042 price:", price)
	if len(t.rows) == 1000 && price == 126 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
