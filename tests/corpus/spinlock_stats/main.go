// spinlock_stats: a metrics batcher guarded by a tiny test-and-set spin lock (it is
// held for a few instructions, so a mutex felt like overkill). Full batches are
// handed to an exporter goroutine.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type spinLock struct{ state atomic.Int32 }

func (l *spinLock) Lock() {
	for !l.state.CompareAndSwap(0, 1) {
	}
}

func (l *spinLock) Unlock() { l.state.Store(0) }

type batcher struct {
	mu   spinLock
	buf  []float64
	size int
	out  chan []float64
}

func (b *batcher) Add(v float64) {
	b.mu.Lock()
	b.buf = append(b.buf, v)
	if len(b.buf) == b.size {
		b.out <- b.buf
		b.buf = make([]float64, 0, b.size)
	}
	b.mu.Unlock()
}

func main() {
	b := &batcher{size: 10, out: make(chan []float64)}
	var exported atomic.Int64
	var sum float64
	exporterDone := make(chan struct{})
	go func() {
		for batch := range b.out {
			for _, v := range batch {
				sum += v
			}
			exported.Add(int64(len(batch)))
		}
		close(exporterDone)
	}()

	var wg sync.WaitGroup
	for p := 0; p < 4; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				b.Add(float64(p*1000 + i))
			}
		}(p)
	}
	wg.Wait()
	close(b.out)
	<-exporterDone

	fmt.Printf("exported %d samples, sum %.0f\n", exported.Load(), sum)
	if exported.Load() == 200 && sum == 4*1225+1000*50*(0+1+2+3) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
