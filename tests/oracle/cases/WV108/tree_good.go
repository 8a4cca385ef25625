// Ordinary tree recursion: a balanced tree of 2^17 nodes is only 17 levels deep.
//
// oracle native: ok
// oracle go-js: ok
// oracle go-js: output "131071"
// oracle go-js@browser: ok
// oracle go-wasip1: ok
package main

import "fmt"

type tree struct{ left, right *tree }

func build(depth int) *tree {
	if depth == 0 {
		return nil
	}
	return &tree{build(depth - 1), build(depth - 1)}
}

func size(t *tree) int {
	if t == nil {
		return 0
	}
	return 1 + size(t.left) + size(t.right)
}

func main() {
	fmt.Println(size(build(17)))
}
