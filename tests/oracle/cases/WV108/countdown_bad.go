// A sum computed by recursion one million calls deep. Natively Go's stack grows and the
// program prints the sum; on wasm every Go call is a wasm call and the host's call stack
// overflows: RangeError under Node.js and in Chromium, a "call stack exhausted" trap under
// wasmtime (even with go_wasip1_wasm_exec's 8 MiB, about 698,000 frames).
//
// oracle native: ok
// oracle go-js: output "Maximum call stack size exceeded"
// oracle go-js@browser: output "Maximum call stack size exceeded"
// oracle go-wasip1: exit 134
package main

import "fmt"

const n = 1_000_000

func sum(k int) int {
	if k == 0 {
		return 0
	}
	return k + sum(k-1)
}

func main() {
	fmt.Println(sum(n)) // want "WV108"
}
