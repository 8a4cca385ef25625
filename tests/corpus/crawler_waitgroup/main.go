// crawler_waitgroup: the link checker waits for its goroutines with a WaitGroup.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

func check(url string) bool {
	time.Sleep(time.Millisecond) // stands in for the HEAD request
	return !strings.Contains(url, "404")
}

func main() {
	urls := []string{"/", "/docs", "/blog", "/old-404", "/about"}
	var mu sync.Mutex
	var wg sync.WaitGroup
	broken := []string{}
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			if !check(u) {
				mu.Lock()
				broken = append(broken, u)
				mu.Unlock()
			}
		}(u)
	}
	wg.Wait()
	fmt.Println("goroutines now:", runtime.NumGoroutine(), "broken links:", broken)
	if len(broken) == 1 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
