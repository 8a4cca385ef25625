// metrics_ticker_blocking: the sampler receives events from a producer and flushes on
// the ticker, blocking in select on both channels.
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(5 * time.Millisecond)
	defer ticker.Stop()
	events := make(chan int)
	stop := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			select {
			case events <- i:
				time.Sleep(100 * time.Microsecond)
			case <-stop:
				return
			}
		}
	}()

	var count, flushes int
	var lines []string
	for flushes < 3 {
		select {
		case <-ticker.C:
			flushes++
			lines = append(lines, fmt.Sprintf("events=%d", count))
			count = 0
		case <-events:
			count++
		}
	}
	close(stop)
	fmt.Println(len(lines), "flushes")
	if len(lines) == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
