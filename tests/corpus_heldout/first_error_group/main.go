// first_error_group: validates a set of user records concurrently with an errgroup-style
// helper: the first failing validation cancels the shared context so slower validators stop
// early, and Wait returns that first error.
package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

type group struct {
	wg     sync.WaitGroup
	once   sync.Once
	err    error
	cancel context.CancelFunc
}

func withContext(ctx context.Context) (*group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &group{cancel: cancel}, ctx
}

func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err; g.cancel() })
		}
	}()
}

func (g *group) Wait() error {
	g.wg.Wait()
	g.cancel()
	return g.err
}

// validate simulates a remote check that takes a while per record.
func validate(ctx context.Context, email string, delay time.Duration) error {
	select {
	case <-time.After(delay):
	case <-ctx.Done():
		return ctx.Err()
	}
	if !strings.Contains(email, "@") {
		return fmt.Errorf("invalid email %q", email)
	}
	return nil
}

func main() {
	records := []string{"ann@example.com", "bob-at-example.com", "cy@example.com", "di@example.com"}
	g, ctx := withContext(context.Background())
	var cancelled sync.Map
	delays := []time.Duration{5, 20, 2000, 3000} // milliseconds
	for i, r := range records {
		delay := delays[i] * time.Millisecond
		g.Go(func() error {
			err := validate(ctx, r, delay)
			if errors.Is(err, context.Canceled) {
				cancelled.Store(r, true)
				return nil
			}
			return err
		})
	}
	start := time.Now()
	err := g.Wait()
	elapsed := time.Since(start)

	n := 0
	cancelled.Range(func(_, _ any) bool { n++; return true })
	fmt.Printf("error: %v; %d validators cancelled; took %v\n", err, n, elapsed.Round(10*time.Millisecond))
	if err != nil && strings.Contains(err.Error(), "bob-at-example.com") && n == 2 && elapsed < 1500*time.Millisecond {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
