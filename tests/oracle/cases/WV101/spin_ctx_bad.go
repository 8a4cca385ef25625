// Waiting for a context deadline by polling ctx.Err(). The deadline is a runtime
// timer, and timers only fire when the scheduler runs, which this loop prevents.
//
// oracle go-js: hang
// oracle go-wasip1: hang
// oracle native: ok
// oracle-fixed go-js: ok
// oracle-fixed go-wasip1: ok
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	for ctx.Err() == nil { // want "WV101"
	}
	fmt.Println("deadline passed:", ctx.Err())
}
