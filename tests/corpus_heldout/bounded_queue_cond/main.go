// bounded_queue_cond: a bounded blocking job queue built on sync.Cond (producers wait when it
// is full, consumers when it is empty, Close wakes everyone), fed by 3 producers and drained
// by 4 consumers; totals are checked.
package main

import (
	"fmt"
	"sync"
)

type queue struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	items    []int
	limit    int
	closed   bool
}

func newQueue(limit int) *queue {
	q := &queue{limit: limit}
	q.notEmpty = sync.NewCond(&q.mu)
	q.notFull = sync.NewCond(&q.mu)
	return q
}

func (q *queue) put(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == q.limit {
		q.notFull.Wait()
	}
	q.items = append(q.items, v)
	q.notEmpty.Signal()
}

// get returns false once the queue is closed and drained.
func (q *queue) get() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.notEmpty.Wait()
	}
	if len(q.items) == 0 {
		return 0, false
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.notFull.Signal()
	return v, true
}

func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.notEmpty.Broadcast()
}

func main() {
	q := newQueue(5)
	var producers, consumers sync.WaitGroup
	for p := 0; p < 3; p++ {
		producers.Add(1)
		go func() {
			defer producers.Done()
			for i := 1; i <= 1000; i++ {
				q.put(i)
			}
		}()
	}

	sums := make([]int, 4)
	for c := range sums {
		consumers.Add(1)
		go func() {
			defer consumers.Done()
			for v, ok := q.get(); ok; v, ok = q.get() {
				sums[c] += v
			}
		}()
	}

	producers.Wait()
	q.close()
	consumers.Wait()

	total := 0
	for _, s := range sums {
		total += s
	}
	fmt.Println("per consumer:", sums, "total:", total)
	if total == 3*1000*1001/2 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
