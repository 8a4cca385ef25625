// semaphore_crawler: crawl a (fake, in-memory) site breadth-first with at most
// three fetches in flight, using a buffered channel as a counting semaphore.
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

var site = map[string][]string{
	"/":             {"/docs", "/blog", "/about"},
	"/docs":         {"/docs/install", "/docs/api", "/"},
	"/docs/install": {"/docs"},
	"/docs/api":     {"/docs", "/docs/api/v2"},
	"/docs/api/v2":  {},
	"/blog":         {"/blog/2024", "/blog/2025", "/"},
	"/blog/2024":    {"/blog"},
	"/blog/2025":    {"/blog", "/about"},
	"/about":        {"/"},
}

func fetch(url string) []string {
	time.Sleep(3 * time.Millisecond)
	return site[url]
}

type crawler struct {
	sem      chan struct{}
	mu       sync.Mutex
	seen     map[string]bool
	wg       sync.WaitGroup
	inFlight int
	peak     int
}

func (c *crawler) visit(url string) {
	c.mu.Lock()
	if c.seen[url] {
		c.mu.Unlock()
		return
	}
	c.seen[url] = true
	c.mu.Unlock()

	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.sem <- struct{}{} // acquire
		c.mu.Lock()
		c.inFlight++
		c.peak = max(c.peak, c.inFlight)
		c.mu.Unlock()

		links := fetch(url)

		c.mu.Lock()
		c.inFlight--
		c.mu.Unlock()
		<-c.sem // release
		for _, l := range links {
			c.visit(l)
		}
	}()
}

func main() {
	c := &crawler{sem: make(chan struct{}, 3), seen: map[string]bool{}}
	c.visit("/")
	c.wg.Wait()

	pages := make([]string, 0, len(c.seen))
	for p := range c.seen {
		pages = append(pages, p)
	}
	sort.Strings(pages)
	fmt.Println(len(pages), "pages:", pages)
	fmt.Println("peak concurrency:", c.peak)
	if len(pages) == len(site) && c.peak <= 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
