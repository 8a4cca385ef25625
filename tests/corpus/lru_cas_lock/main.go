// lru_cas_lock: a small LRU cache guarded by a compare-and-swap spin lock; the
// critical sections only touch memory, and workers are joined with a WaitGroup.
package main

import (
	"container/list"
	"fmt"
	"sync"
	"sync/atomic"
)

type spin struct{ held atomic.Bool }

func (s *spin) Lock() {
	for !s.held.CompareAndSwap(false, true) {
	}
}
func (s *spin) Unlock() { s.held.Store(false) }

type lru struct {
	mu    spin
	cap   int
	order *list.List
	items map[string]*list.Element
	hits  int
}

type entry struct {
	key string
	val int
}

func (c *lru) Get(key string, load func() int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.order.MoveToFront(el)
		c.hits++
		return el.Value.(*entry).val
	}
	el := c.order.PushFront(&entry{key, load()})
	c.items[key] = el
	if c.order.Len() > c.cap {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(*entry).key)
	}
	return el.Value.(*entry).val
}

func main() {
	c := &lru{cap: 8, order: list.New(), items: map[string]*list.Element{}}
	var wg sync.WaitGroup
	var sum atomic.Int64
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				k := fmt.Sprintf("k%d", i%5)
				sum.Add(int64(c.Get(k, func() int { return i % 5 })))
			}
		}()
	}
	wg.Wait()
	fmt.Println("hits", c.hits, "sum", sum.Load())
	if c.hits == 400-5 && sum.Load() == 4*20*(0+1+2+3+4) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
