// recursive_expr_eval: a recursive-descent evaluator over a balanced expression tree of
// 2^16 leaves: recursion is only as deep as the tree (17 levels).
package main

import "fmt"

type expr struct {
	op          byte
	left, right *expr
	value       int
}

func build(depth, base int) *expr {
	if depth == 0 {
		return &expr{value: base % 10}
	}
	return &expr{op: '+', left: build(depth-1, base*2), right: build(depth-1, base*2+1)}
}

func eval(e *expr) int {
	if e.op == 0 {
		return e.value
	}
	return eval(e.left) + eval(e.right)
}

func main() {
	tree := build(16, 1)
	got := eval(tree)
	want := 0
	for i := 1 << 16; i < 1<<17; i++ {
		want += i % 10
	}
	fmt.Println("sum:", got)
	if got == want {
		fmt.Println("RESULT OK")
	}
}
