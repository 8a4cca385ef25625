// Polling a channel with select/default never blocks, so it never yields: the
// goroutine that would send is never scheduled on wasm.
//
// oracle go-js: hang
// oracle go-wasip1: hang
// oracle native: ok
// oracle-fixed go-js: ok
// oracle-fixed go-wasip1: ok
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() { ch <- 42 }()
	for { // want "WV101"
		select {
		case v := <-ch:
			fmt.Println("got", v)
			return
		default:
		}
	}
}
