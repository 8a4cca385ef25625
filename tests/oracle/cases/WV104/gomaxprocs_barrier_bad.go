// Asking for four Ps, then relying on them: main busy-waits at a barrier until
// four workers have checked in. WebAssembly has no threads: GOMAXPROCS stays 1,
// nothing preempts the spinning main goroutine, and the workers never run.
//
// oracle go-js: hang
// oracle go-wasip1: hang
// oracle native: output "all 4 workers arrived"
// oracle-fixed go-js: output "all 4 workers arrived"
// oracle-fixed go-wasip1: output "all 4 workers arrived"
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

func main() {
	runtime.GOMAXPROCS(4) // want "WV104"
	var arrived atomic.Int32
	for i := 0; i < 4; i++ {
		go func() { arrived.Add(1) }()
	}
	for arrived.Load() < 4 { // want "WV101"
	}
	fmt.Println("all", arrived.Load(), "workers arrived")
}
