// cancellable_prime: count primes in a large range in a background goroutine, but
// give up if it takes longer than the request deadline. The worker checks the
// context every few thousand numbers so it can stop early.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func countPrimes(ctx context.Context, lo, hi int) (int, error) {
	count := 0
	for n := lo; n < hi; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return count, err
			}
		}
		if isPrime(n) {
			count++
		}
	}
	return count, nil
}

type answer struct {
	n   int
	err error
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()

	start := time.Now()
	ch := make(chan answer, 1)
	go func() {
		n, err := countPrimes(ctx, 0, 1_000_000)
		ch <- answer{n, err}
	}()

	var a answer
	select {
	case a = <-ch:
	case <-ctx.Done():
		a = answer{err: ctx.Err()}
	}
	took := time.Since(start)
	fmt.Printf("primes=%d err=%v after %v\n", a.n, a.err, took.Round(time.Millisecond))

	// The request must come back around the deadline, not whenever the work finishes.
	if errors.Is(a.err, context.DeadlineExceeded) && took < 500*time.Millisecond {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG: deadline not honoured")
	}
}
