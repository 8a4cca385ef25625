// pipeline_gomaxprocs_chan: the same pipeline sets GOMAXPROCS from the CPU count but
// hands items over a buffered channel, so it works with any number of threads.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(runtime.NumCPU())
	items := make(chan int, 64)
	result := make(chan int)

	go func() {
		sum := 0
		for v := range items {
			sum += v
		}
		result <- sum
	}()
	for i := 1; i <= 1000; i++ {
		items <- i
	}
	close(items)
	sum := <-result
	fmt.Println("sum", sum, "procs", runtime.GOMAXPROCS(0))
	if sum == 500500 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
