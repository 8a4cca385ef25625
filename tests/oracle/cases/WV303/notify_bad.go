// A SIGINT handler tested by sending SIGINT to ourselves. Natively the signal is
// delivered to the channel. On js/wasm syscall.Kill is not implemented, nothing
// else raises signals, and the handler never runs. On wasip1 Go turns a signal to
// self into proc_exit(128+2); wasmtime rejects exit statuses >= 126 and aborts
// the run, so neither line is ever printed.
//
// oracle go-js: output "kill: not implemented on js"
// oracle go-js: output "no signal"
// oracle go-wasip1: exit 1
// oracle go-wasip1: output "exit with invalid exit status outside of [0..126)"
// oracle native: output "got signal"
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGINT)                                  // want "WV303"
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil { // want "WV302"
		fmt.Println("kill:", err)
	}
	select {
	case s := <-c:
		fmt.Println("got signal", s)
	case <-time.After(200 * time.Millisecond):
		fmt.Println("no signal")
	}
}
