// crawler_numgoroutine_drain: a link checker starts one goroutine per URL and waits
// until they have all finished by watching runtime.NumGoroutine() fall back to 1.
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
	broken := []string{}
	for _, u := range urls {
		go func(u string) {
			if !check(u) {
				mu.Lock()
				broken = append(broken, u)
				mu.Unlock()
			}
		}(u)
	}

	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > 1 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if runtime.NumGoroutine() > 1 {
		fmt.Println("checkers still running:", runtime.NumGoroutine())
		fmt.Println("RESULT WRONG")
		return
	}
	fmt.Println("broken links:", broken)
	if len(broken) == 1 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
