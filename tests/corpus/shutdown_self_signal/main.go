// shutdown_self_signal: a queue consumer that finishes its in-flight batch and
// exits cleanly on SIGTERM. When the queue is empty it "scales itself down" by
// sending itself the same SIGTERM a supervisor would send, so there is only one
// shutdown path to test.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

type consumer struct {
	queue     []string
	processed []string
}

func (c *consumer) next() (string, bool) {
	if len(c.queue) == 0 {
		return "", false
	}
	m := c.queue[0]
	c.queue = c.queue[1:]
	return m, true
}

func main() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, os.Interrupt)

	c := &consumer{queue: []string{"invoice-1", "invoice-2", "invoice-3"}}
	idle := time.NewTicker(5 * time.Millisecond)
	defer idle.Stop()

	for {
		select {
		case s := <-sigs:
			fmt.Printf("got %v: processed %v, exiting\n", s, c.processed)
			if len(c.processed) == 3 {
				fmt.Println("RESULT OK")
			} else {
				fmt.Println("RESULT WRONG")
			}
			return
		case <-idle.C:
			m, ok := c.next()
			if ok {
				c.processed = append(c.processed, m)
				continue
			}
			// Nothing left to do: trigger the normal shutdown path.
			self, _ := os.FindProcess(os.Getpid())
			if err := self.Signal(syscall.SIGTERM); err != nil {
				fmt.Println("cannot signal self:", err)
			}
		}
	}
}
