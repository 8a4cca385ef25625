// wasi_queue_drain_signals: a queue consumer that processes a batch of jobs with a
// small worker pool and shuts down gracefully: on SIGINT/SIGTERM it stops taking new
// jobs and lets in-flight ones finish; otherwise it exits once the queue is drained.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

type job struct {
	id   int
	cost time.Duration
}

func worker(ctx context.Context, jobs <-chan job, done chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case j, ok := <-jobs:
			if !ok {
				return
			}
			time.Sleep(j.cost)
			done <- j.id
		}
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	jobs := make(chan job)
	done := make(chan int, 32)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go worker(ctx, jobs, done, &wg)
	}

	go func() {
		defer close(jobs)
		for id := 1; id <= 12; id++ {
			select {
			case jobs <- job{id, time.Duration(id%3+1) * time.Millisecond}:
			case <-ctx.Done():
				return
			}
		}
	}()

	wg.Wait()
	close(done)
	sum, n := 0, 0
	for id := range done {
		sum += id
		n++
	}
	if ctx.Err() != nil {
		fmt.Printf("interrupted after %d jobs\n", n)
		os.Exit(130)
	}
	fmt.Printf("drained %d jobs (id sum %d)\n", n, sum)
	if n == 12 && sum == 78 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
