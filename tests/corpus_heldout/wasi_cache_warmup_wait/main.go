// wasi_cache_warmup_wait: a command-line lookup tool that warms a prefix index in the
// background while it parses its arguments, then waits (up to a second) for the index
// before answering the queries.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"time"
)

type index struct {
	words []string
}

func (ix *index) withPrefix(p string) []string {
	i := sort.SearchStrings(ix.words, p)
	var out []string
	for ; i < len(ix.words) && strings.HasPrefix(ix.words[i], p); i++ {
		out = append(out, ix.words[i])
	}
	return out
}

func buildIndex() *index {
	var words []string
	for _, a := range []string{"al", "be", "ca", "de", "ex"} {
		for _, b := range []string{"pha", "ta", "rry", "lta", "it"} {
			words = append(words, a+b)
		}
	}
	sort.Strings(words)
	return &index{words: words}
}

func main() {
	var ready atomic.Pointer[index]
	go func() {
		ready.Store(buildIndex())
	}()

	queries := strings.Fields("al be ex zz")

	start := time.Now()
	for ready.Load() == nil && time.Since(start) < time.Second {
		// the index is tiny; it will be there in a moment
	}
	ix := ready.Load()
	if ix == nil {
		fmt.Println("index not ready after", time.Since(start).Round(time.Millisecond))
		fmt.Println("RESULT TIMEOUT")
		return
	}
	total := 0
	for _, q := range queries {
		m := ix.withPrefix(q)
		total += len(m)
		fmt.Printf("%s: %v\n", q, m)
	}
	if total == 15 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG", total)
	}
}
