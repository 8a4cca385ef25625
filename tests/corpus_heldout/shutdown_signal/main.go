// shutdown_signal: a batch service that processes a queue of tasks and shuts down gracefully
// either when the queue is finished or when SIGINT/SIGTERM arrives, flushing its summary in
// both cases.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

type summary struct {
	processed int
	words     int
}

func process(tasks []string, out chan<- summary, quit <-chan struct{}) {
	var s summary
	for _, t := range tasks {
		select {
		case <-quit:
			out <- s
			return
		default:
		}
		s.processed++
		s.words += len(strings.Fields(t))
	}
	out <- s
}

func main() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	tasks := []string{
		"the quick brown fox",
		"jumps over",
		"the lazy dog",
		"and runs away",
	}
	quit := make(chan struct{})
	results := make(chan summary, 1)
	go process(tasks, results, quit)

	var s summary
	select {
	case sig := <-sigs:
		fmt.Println("received", sig, "- shutting down")
		close(quit)
		s = <-results
	case s = <-results:
	}

	fmt.Printf("processed %d tasks, %d words\n", s.processed, s.words)
	if s.processed == 4 && s.words == 12 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
