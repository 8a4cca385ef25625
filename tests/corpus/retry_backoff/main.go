// retry_backoff: call a flaky dependency with capped exponential backoff and jitter,
// giving up when the context expires.
package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"time"
)

var errUnavailable = errors.New("503 service unavailable")

type flaky struct{ failuresLeft int }

func (f *flaky) Fetch() (string, error) {
	if f.failuresLeft > 0 {
		f.failuresLeft--
		return "", errUnavailable
	}
	return `{"status":"green"}`, nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func retry[T any](ctx context.Context, op func() (T, error)) (T, int, error) {
	backoff := 2 * time.Millisecond
	const maxBackoff = 40 * time.Millisecond
	for attempt := 1; ; attempt++ {
		v, err := op()
		if err == nil {
			return v, attempt, nil
		}
		jitter := time.Duration(rand.Int63n(int64(backoff) / 2))
		fmt.Printf("attempt %d failed (%v), retrying in %v\n", attempt, err, (backoff + jitter).Round(time.Millisecond))
		if err := sleepCtx(ctx, backoff+jitter); err != nil {
			var zero T
			return zero, attempt, fmt.Errorf("giving up: %w", err)
		}
		backoff = min(backoff*2, maxBackoff)
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()

	svc := &flaky{failuresLeft: 4}
	body, attempts, err := retry(ctx, svc.Fetch)
	if err != nil {
		fmt.Println("RESULT WRONG:", err)
		return
	}
	fmt.Printf("got %s after %d attempts\n", body, attempts)

	// A dependency that never recovers must hit the deadline instead of looping forever.
	short, cancel2 := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel2()
	_, n, err := retry(short, (&flaky{failuresLeft: 1 << 30}).Fetch)
	fmt.Printf("dead dependency: %v after %d attempts\n", err, n)

	if attempts == 5 && errors.Is(err, context.DeadlineExceeded) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
