// line_counter_pool: count lines and words of many documents in parallel, one
// worker per spare CPU but never fewer than one.
package main

import (
	"bufio"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

type stats struct {
	lines, words int
}

func count(doc string) stats {
	var s stats
	sc := bufio.NewScanner(strings.NewReader(doc))
	for sc.Scan() {
		s.lines++
		s.words += len(strings.Fields(sc.Text()))
	}
	return s
}

func corpus() []string {
	docs := make([]string, 40)
	for i := range docs {
		var b strings.Builder
		for l := 0; l <= i%7; l++ {
			fmt.Fprintf(&b, "line %d of document %d\n", l, i)
		}
		docs[i] = b.String()
	}
	return docs
}

func main() {
	docs := corpus()

	n := runtime.NumCPU() / 2
	if n < 1 {
		n = 1
	}
	fmt.Printf("using %d workers\n", n)

	var (
		mu    sync.Mutex
		total stats
		wg    sync.WaitGroup
	)
	next := make(chan string, len(docs))
	for _, d := range docs {
		next <- d
	}
	close(next)

	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				s := count(d)
				mu.Lock()
				total.lines += s.lines
				total.words += s.words
				mu.Unlock()
			}
		}()
	}
	wg.Wait()

	fmt.Printf("lines=%d words=%d\n", total.lines, total.words)
	// 40 docs, doc i has (i%7)+1 lines of 5 words.
	want := 0
	for i := 0; i < 40; i++ {
		want += i%7 + 1
	}
	if total.lines == want && total.words == 5*want {
		fmt.Println("RESULT OK")
	} else {
		fmt.Printf("RESULT WRONG: want %d lines\n", want)
	}
}
