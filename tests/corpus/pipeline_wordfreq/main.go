// pipeline_wordfreq: a three-stage channel pipeline (split -> normalise -> count)
// with fan-out in the middle stage and a done channel for early cancellation.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
)

const text = `It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness`

func split(done <-chan struct{}, lines []string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, l := range lines {
			for _, w := range strings.Fields(l) {
				select {
				case out <- w:
				case <-done:
					return
				}
			}
		}
	}()
	return out
}

func normalise(done <-chan struct{}, in <-chan string, workers int) <-chan string {
	out := make(chan string)
	var wg sync.WaitGroup
	wg.Add(workers)
	for i := 0; i < workers; i++ {
		go func() {
			defer wg.Done()
			for w := range in {
				w = strings.ToLower(strings.TrimFunc(w, unicode.IsPunct))
				select {
				case out <- w:
				case <-done:
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func main() {
	done := make(chan struct{})
	defer close(done)

	counts := map[string]int{}
	for w := range normalise(done, split(done, strings.Split(text, "\n")), 3) {
		counts[w]++
	}

	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	for _, w := range words[:4] {
		fmt.Printf("%-6s %d\n", w, counts[w])
	}
	if counts["it"] == 8 && counts["was"] == 8 && counts["the"] == 8 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG", counts["it"], counts["was"], counts["of"])
	}
}
