// Thread-related knobs on wasm. NumCPU reports a single CPU, LockOSThread has
// only the one thread to pin to, and SetMaxThreads limits threads that are never
// created. Natively a 1-thread limit is already exceeded (the runtime runs
// sysmon on a thread of its own) and the program dies of thread exhaustion; on
// wasm it is accepted and ignored.
//
// oracle go-js: output "NumCPU 1"
// oracle go-js: output "threads limited"
// oracle go-wasip1: output "NumCPU 1"
// oracle go-wasip1: output "threads limited"
// oracle native: exit 2
// oracle native: output "program exceeds 1-thread limit"
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

func main() {
	fmt.Println("NumCPU", runtime.NumCPU()) // want "WV105"
	runtime.LockOSThread()                  // want "WV105"
	defer runtime.UnlockOSThread()
	debug.SetMaxThreads(1) // want "WV105"
	done := make(chan bool)
	go func() { done <- true }()
	<-done
	fmt.Println("threads limited")
}
