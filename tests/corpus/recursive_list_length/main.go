// recursive_list_length: a log of 250,000 events kept as a linked list (newest first),
// counted and summed by recursive helpers, as in textbook list code.
package main

import "fmt"

type event struct {
	next *event
	size int
}

func count(e *event) int {
	if e == nil {
		return 0
	}
	return 1 + count(e.next)
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
