// token_bucket: a token-bucket rate limiter (refilled by a ticker goroutine, burst of 3)
// guarding calls to a fake API from 4 client goroutines; checks that no more calls went
// through than the bucket allows over the run.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type limiter struct {
	tokens chan struct{}
	stop   chan struct{}
}

func newLimiter(every time.Duration, burst int) *limiter {
	l := &limiter{tokens: make(chan struct{}, burst), stop: make(chan struct{})}
	for i := 0; i < burst; i++ {
		l.tokens <- struct{}{}
	}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				select {
				case l.tokens <- struct{}{}:
				default: // bucket full
				}
			case <-l.stop:
				return
			}
		}
	}()
	return l
}

func (l *limiter) wait() { <-l.tokens }

func (l *limiter) close() { close(l.stop) }

func main() {
	lim := newLimiter(10*time.Millisecond, 3)
	defer lim.close()

	var calls atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				lim.wait()
				calls.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	// 20 calls, 3 free, 17 refills at one per 10 ms: at least ~170 ms.
	fmt.Printf("%d calls in %v\n", calls.Load(), elapsed.Round(10*time.Millisecond))
	if calls.Load() == 20 && elapsed >= 150*time.Millisecond {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
