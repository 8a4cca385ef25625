// metrics_ticker_poll: a sampler counts events in a hot loop and flushes a metrics
// line whenever the ticker has fired, checking it without blocking.
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(5 * time.Millisecond)
	defer ticker.Stop()

	var events, flushes int
	var lines []string
	for flushes < 3 {
		select {
		case <-ticker.C:
			flushes++
			lines = append(lines, fmt.Sprintf("events=%d", events))
			events = 0
		default:
			events++ // stand-in for reading a counter from shared memory
		}
	}
	fmt.Println(lines)
	if len(lines) == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
