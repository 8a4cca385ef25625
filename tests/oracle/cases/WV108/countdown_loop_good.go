// The same sum with a loop: no call stack to overflow, on any host.
//
// oracle native: ok
// oracle go-js: ok
// oracle go-js: output "500000500000"
// oracle go-js@browser: ok
// oracle go-wasip1: ok
package main

import "fmt"

const n = 1_000_000

func sum(k int) int {
	total := 0
	for ; k > 0; k-- {
		total += k
	}
	return total
}

func main() {
	fmt.Println(sum(n))
}
