// Package fetcher makes HTTP requests for its callers.
package fetcher

import (
	"net/http"
	"time"
)

// Status fetches a URL and returns its status code: it waits for the response.
func Status(url string) int {
	return get(url)
}

func get(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

// Prefetch starts the request in a goroutine and returns at once.
func Prefetch(url string) {
	go get(url)
}

// Spin polls a counter for a while without yielding.
func Spin(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		total += i
	}
	return total
}

// Nap sleeps: the scheduler runs other goroutines meanwhile.
func Nap() {
	time.Sleep(time.Millisecond)
}
