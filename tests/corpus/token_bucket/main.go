// token_bucket: a rate limiter whose bucket is refilled by a background ticker;
// callers take a token before each outgoing API call.
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

type Limiter struct {
	tokens atomic.Int32
	burst  int32
	stop   chan struct{}
}

func NewLimiter(perSecond int, burst int32) *Limiter {
	l := &Limiter{burst: burst, stop: make(chan struct{})}
	l.tokens.Store(burst)
	go l.refill(time.Second / time.Duration(perSecond))
	return l
}

func (l *Limiter) refill(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if l.tokens.Load() < l.burst {
				l.tokens.Add(1)
			}
		case <-l.stop:
			return
		}
	}
}

// Take blocks until a token is available.
func (l *Limiter) Take() {
	for {
		n := l.tokens.Load()
		if n > 0 && l.tokens.CompareAndSwap(n, n-1) {
			return
		}
	}
}

func (l *Limiter) Close() { close(l.stop) }

func callAPI(i int) string { return fmt.Sprintf("resp-%d", i) }

func main() {
	lim := NewLimiter(200, 5) // 200 calls/s, bursts of 5
	defer lim.Close()

	start := time.Now()
	var responses []string
	for i := 0; i < 25; i++ {
		lim.Take()
		responses = append(responses, callAPI(i))
	}
	elapsed := time.Since(start)
	fmt.Printf("%d calls in %v\n", len(responses), elapsed.Round(time.Millisecond))

	// 5 come from the burst, the other 20 need 20 refills at 5ms each.
	if len(responses) == 25 && elapsed >= 80*time.Millisecond {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG: limiter did not limit")
	}
}
