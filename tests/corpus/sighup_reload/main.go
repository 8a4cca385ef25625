// sighup_reload: a daemon main loop. SIGHUP reloads the allow-list, SIGINT/SIGTERM
// stop it; a maintenance timer runs every few milliseconds. For the demo the daemon
// runs for a fixed time budget and then exits on its own.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

type daemon struct {
	allow       map[string]bool
	reloads     int
	maintenance int
}

func (d *daemon) reload() {
	d.allow = map[string]bool{}
	for _, ip := range strings.Fields("10.0.0.1 10.0.0.2 192.168.1.10") {
		d.allow[ip] = true
	}
	d.reloads++
}

func run(ctx context.Context, d *daemon) error {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	maint := time.NewTicker(10 * time.Millisecond)
	defer maint.Stop()
	for {
		select {
		case <-hup:
			d.reload()
			fmt.Println("reloaded allow-list")
		case <-maint.C:
			d.maintenance++
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 120*time.Millisecond)
	defer cancel()

	d := &daemon{}
	d.reload()
	err := run(ctx, d)
	fmt.Printf("daemon stopped (%v) after %d maintenance runs, %d loads\n", err, d.maintenance, d.reloads)
	if d.maintenance >= 5 && d.allow["10.0.0.2"] {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
