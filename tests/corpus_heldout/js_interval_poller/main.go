//go:build js && wasm

// js_interval_poller: polls a (simulated) job status every 10 ms with setInterval, records each
// status seen, stops the interval once the job reports "done", and checks the sequence.
package main

import (
	"fmt"
	"strings"
	"syscall/js"
)

type job struct{ polls int }

// status reports the job's state as a remote service would.
func (j *job) status() string {
	j.polls++
	switch {
	case j.polls < 3:
		return "queued"
	case j.polls < 5:
		return "running"
	default:
		return "done"
	}
}

func main() {
	j := &job{}
	var seen []string
	finished := make(chan struct{}, 1)
	var id js.Value

	poll := js.FuncOf(func(this js.Value, args []js.Value) any {
		s := j.status()
		if len(seen) == 0 || seen[len(seen)-1] != s {
			seen = append(seen, s)
		}
		if s == "done" {
			js.Global().Call("clearInterval", id)
			select {
			case finished <- struct{}{}:
			default:
			}
		}
		return nil
	})
	defer poll.Release()

	id = js.Global().Call("setInterval", poll, 10)
	<-finished

	got := strings.Join(seen, ">")
	fmt.Printf("%d polls: %s\n", j.polls, got)
	if got == "queued>running>done" && j.polls == 5 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
