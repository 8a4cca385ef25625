// deadline_watchdog: run a health probe in the background and wait for it with a
// deadline. The probe "takes" about 20ms; we give it 500ms before declaring it dead.
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

type probe struct {
	finished atomic.Bool
	healthy  atomic.Bool
}

func (p *probe) run() {
	time.Sleep(20 * time.Millisecond) // pretend to query a backend
	p.healthy.Store(true)
	p.finished.Store(true)
}

// waitFor polls the probe until it reports or the deadline passes.
func waitFor(p *probe, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if p.finished.Load() {
			return true
		}
	}
	return false
}

func main() {
	p := &probe{}
	go p.run()

	start := time.Now()
	if !waitFor(p, 500*time.Millisecond) {
		fmt.Printf("probe timed out after %v\n", time.Since(start).Round(time.Millisecond))
		fmt.Println("RESULT WRONG: probe declared dead")
		return
	}
	fmt.Printf("probe finished in %v, healthy=%v\n", time.Since(start).Round(time.Millisecond), p.healthy.Load())
	if p.healthy.Load() {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG: unhealthy")
	}
}
