// A linked list of 200,000 nodes built by a loop and measured by recursion: deeper than
// Node.js's and Chromium's stacks (about 71,000 frames) and than a 2 MiB wasm stack (about
// 174,500); go_wasip1_wasm_exec's 8 MiB would hold it (the message says so).
//
// oracle native: ok
// oracle go-js: output "Maximum call stack size exceeded"
// oracle go-js@browser: output "Maximum call stack size exceeded"
// oracle go-wasip1: exit 134
package main

import "fmt"

type node struct {
	next  *node
	value int
}

func length(l *node) int {
	if l == nil {
		return 0
	}
	return 1 + length(l.next)
}

func main() {
	var head *node
	for i := 0; i < 200_000; i++ {
		head = &node{next: head, value: i}
	}
	fmt.Println(length(head)) // want "WV108"
}
