// The same wait with a sync.WaitGroup: it counts the workers themselves.
//
// oracle go-js: ok
// oracle go-js: output "all workers finished"
// oracle go-wasip1: ok
// oracle go-wasip1: output "all workers finished"
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Millisecond)
		}()
	}
	wg.Wait()
	fmt.Println("all workers finished")
}
