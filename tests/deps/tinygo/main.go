package main

import "example.com/waiter"

//go:wasmexport process
func process() int32 {
	waiter.Flush() // want "WV505"
	return int32(waiter.Size())
}

func main() {}
