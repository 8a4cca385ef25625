// ttl_cache: a string cache whose entries expire; a janitor goroutine sweeps expired
// entries on a ticker so memory does not grow without bound.
package main

import (
	"fmt"
	"sync"
	"time"
)

type entry struct {
	val     string
	expires time.Time
}

type Cache struct {
	mu      sync.RWMutex
	items   map[string]entry
	ttl     time.Duration
	stop    chan struct{}
	evicted int
}

func New(ttl, sweep time.Duration) *Cache {
	c := &Cache{items: map[string]entry{}, ttl: ttl, stop: make(chan struct{})}
	go c.janitor(sweep)
	return c
}

func (c *Cache) janitor(every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case now := <-tick.C:
			c.mu.Lock()
			for k, e := range c.items {
				if now.After(e.expires) {
					delete(c.items, k)
					c.evicted++
				}
			}
			c.mu.Unlock()
		case <-c.stop:
			return
		}
	}
}

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = entry{v, time.Now().Add(c.ttl)}
}

func (c *Cache) Get(k string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.items[k]
	if !ok || time.Now().After(e.expires) {
		return "", false
	}
	return e.val, true
}

func (c *Cache) Stats() (size, evicted int) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.items), c.evicted
}

func main() {
	c := New(30*time.Millisecond, 10*time.Millisecond)
	defer close(c.stop)

	for i := 0; i < 20; i++ {
		c.Set(fmt.Sprintf("user:%d", i), fmt.Sprintf("session-%x", i*7919))
	}
	v, hit := c.Get("user:3")
	fmt.Println("fresh lookup:", v, hit)

	time.Sleep(100 * time.Millisecond)
	_, stillThere := c.Get("user:3")
	size, evicted := c.Stats()
	fmt.Printf("after ttl: hit=%v size=%d evicted=%d\n", stillThere, size, evicted)

	if hit && !stillThere && size == 0 && evicted == 20 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
