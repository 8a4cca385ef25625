// recursive_sum_constant: a checksum over the first million integers written as a
// recursive definition, checked against the closed form.
package main

import "fmt"

const limit = 1_000_000

func triangle(n int) int {
	if n == 0 {
		return 0
	}
	return n + triangle(n-1)
}

func main() {
	got := triangle(limit)
	fmt.Println("triangle:", got)
	if got == limit*(limit+1)/2 {
		fmt.Println("RESULT OK")
	}
}
