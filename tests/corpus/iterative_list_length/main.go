// iterative_list_length: the same event log counted with a loop.
package main

import "fmt"

type event struct {
	next *event
	size int
}

func count(e *event) int {
	n := 0
	for ; e != nil; e = e.next {
		n++
	}
	return n
}

func main() {
	var log *event
	for i := 0; i < 250_000; i++ {
		log = &event{next: log, size: i % 7}
	}
	n := count(log)
	fmt.Println("events:", n)
	if n == 250_000 {
		fmt.Println("RESULT OK")
	}
}
