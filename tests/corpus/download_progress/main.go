// download_progress: simulate a chunked download and report progress every few
// milliseconds from a ticker until the download goroutine says it is done.
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

type download struct {
	url      string
	size     int64
	received atomic.Int64
	done     chan error
}

func (d *download) start() {
	go func() {
		const chunk = 8 << 10
		for d.received.Load() < d.size {
			time.Sleep(2 * time.Millisecond) // network latency
			n := min(chunk, d.size-d.received.Load())
			d.received.Add(n)
		}
		d.done <- nil
	}()
}

func report(d *download, every time.Duration) (ticks int, err error) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case err := <-d.done:
			fmt.Printf("%s: %d/%d bytes, done\n", d.url, d.received.Load(), d.size)
			return ticks, err
		case <-t.C:
			ticks++
			got := d.received.Load()
			if ticks%5 == 0 {
				fmt.Printf("%s: %5.1f%%\n", d.url, float64(got)*100/float64(d.size))
			}
		}
	}
}

func main() {
	d := &download{url: "https://example.invalid/big.iso", size: 256 << 10, done: make(chan error, 1)}
	d.start()
	ticks, err := report(d, 5*time.Millisecond)
	if err != nil {
		fmt.Println("RESULT WRONG:", err)
		return
	}
	if d.received.Load() == d.size && ticks > 0 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Printf("RESULT WRONG: received=%d ticks=%d\n", d.received.Load(), ticks)
	}
}
