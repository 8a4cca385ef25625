// ttl_cache_janitor: a session cache whose entries expire after a TTL; a janitor goroutine
// sweeps expired sessions every 10 ms. Sessions are created, one is refreshed, and after the
// TTL only the refreshed one must remain.
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

type cache struct {
	mu      sync.Mutex
	ttl     time.Duration
	expires map[string]time.Time
	swept   int
}

func newCache(ttl, every time.Duration, stop <-chan struct{}) *cache {
	c := &cache{ttl: ttl, expires: map[string]time.Time{}}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case now := <-t.C:
				c.sweep(now)
			case <-stop:
				return
			}
		}
	}()
	return c
}

func (c *cache) touch(id string) {
	c.mu.Lock()
	c.expires[id] = time.Now().Add(c.ttl)
	c.mu.Unlock()
}

func (c *cache) sweep(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, exp := range c.expires {
		if now.After(exp) {
			delete(c.expires, id)
			c.swept++
		}
	}
}

func (c *cache) ids() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for id := range c.expires {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func main() {
	stop := make(chan struct{})
	defer close(stop)
	c := newCache(200*time.Millisecond, 10*time.Millisecond, stop)
	for _, id := range []string{"s1", "s2", "s3"} {
		c.touch(id)
	}
	time.Sleep(100 * time.Millisecond)
	c.touch("s2") // user activity keeps s2 alive
	time.Sleep(150 * time.Millisecond)

	left := c.ids()
	fmt.Println("sessions left:", left)
	if len(left) == 1 && left[0] == "s2" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
