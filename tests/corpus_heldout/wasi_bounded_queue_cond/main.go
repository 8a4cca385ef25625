// wasi_bounded_queue_cond: a bounded blocking queue built on sync.Cond, used by three
// log shippers (producers) and two uploaders (consumers). Closing the queue wakes
// everyone; the consumers drain what is left and the totals are cross-checked.
package main

import (
	"fmt"
	"sync"
)

type queue struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	items    []string
	cap      int
	closed   bool
}

func newQueue(capacity int) *queue {
	q := &queue{cap: capacity}
	q.notEmpty = sync.NewCond(&q.mu)
	q.notFull = sync.NewCond(&q.mu)
	return q
}

func (q *queue) put(s string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == q.cap && !q.closed {
		q.notFull.Wait()
	}
	if q.closed {
		return
	}
	q.items = append(q.items, s)
	q.notEmpty.Signal()
}

func (q *queue) take() (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.notEmpty.Wait()
	}
	if len(q.items) == 0 {
		return "", false
	}
	s := q.items[0]
	q.items = q.items[1:]
	q.notFull.Signal()
	return s, true
}

func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.notEmpty.Broadcast()
	q.notFull.Broadcast()
}

func main() {
	q := newQueue(4)
	var producers, consumers sync.WaitGroup
	for p := 0; p < 3; p++ {
		producers.Add(1)
		go func(p int) {
			defer producers.Done()
			for i := 0; i < 50; i++ {
				q.put(fmt.Sprintf("shipper%d line %d", p, i))
			}
		}(p)
	}
	counts := make([]int, 2)
	bytes := make([]int, 2)
	for c := 0; c < 2; c++ {
		consumers.Add(1)
		go func(c int) {
			defer consumers.Done()
			for {
				s, ok := q.take()
				if !ok {
					return
				}
				counts[c]++
				bytes[c] += len(s)
			}
		}(c)
	}
	producers.Wait()
	q.close()
	consumers.Wait()

	total := counts[0] + counts[1]
	fmt.Printf("uploaded %d lines (%v), %d bytes\n", total, counts, bytes[0]+bytes[1])
	if total == 150 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
