// wasi_fetch_rate_limit: a polite fetcher that must not exceed 100 requests per second
// against one backend. Workers take a token from a ticker-fed bucket before each
// (simulated) request; the run checks that all requests finished and the observed rate
// stayed under the limit.
package main

import (
	"fmt"
	"sync"
	"time"
)

type limiter struct {
	tokens chan struct{}
	stop   chan struct{}
}

func newLimiter(perSecond, burst int) *limiter {
	l := &limiter{tokens: make(chan struct{}, burst), stop: make(chan struct{})}
	for i := 0; i < burst; i++ {
		l.tokens <- struct{}{}
	}
	go func() {
		t := time.NewTicker(time.Second / time.Duration(perSecond))
		defer t.Stop()
		for {
			select {
			case <-t.C:
				select {
				case l.tokens <- struct{}{}:
				default:
				}
			case <-l.stop:
				return
			}
		}
	}()
	return l
}

func (l *limiter) wait()  { <-l.tokens }
func (l *limiter) close() { close(l.stop) }

func fakeFetch(url string) int { return len(url) * 10 }

func main() {
	lim := newLimiter(100, 5)
	defer lim.close()

	urls := make(chan string)
	var mu sync.Mutex
	fetched, bytes := 0, 0
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range urls {
				lim.wait()
				n := fakeFetch(u)
				mu.Lock()
				fetched++
				bytes += n
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < 25; i++ {
		urls <- fmt.Sprintf("https://backend.example/items/%d", i)
	}
	close(urls)
	wg.Wait()
	elapsed := time.Since(start)

	rate := float64(fetched) / elapsed.Seconds()
	fmt.Printf("%d requests, %d bytes in %v (%.0f req/s)\n", fetched, bytes, elapsed.Round(time.Millisecond), rate)
	// 5 from the burst, then 20 at 10 ms each: at least ~200 ms.
	if fetched == 25 && elapsed >= 180*time.Millisecond {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
