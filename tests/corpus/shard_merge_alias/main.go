// shard_merge_alias: split a word-count job across shards, one per processor, with
// a coordinator that hands out shards over an unbuffered channel.
package main

import (
	"fmt"
	goruntime "runtime"
	"strings"
	"sync"
)

const doc = `the quick brown fox jumps over the lazy dog the end`

func shardOf(word string, shards int) int {
	h := 0
	for _, c := range word {
		h = h*31 + int(c)
	}
	if h < 0 {
		h = -h
	}
	return h % shards
}

func main() {
	// Reserve one P for the coordinator itself.
	shards := goruntime.GOMAXPROCS(0) - 1
	if shards > 8 {
		shards = 8
	}
	words := strings.Fields(doc)

	type task struct{ words []string }
	tasks := make(chan task)
	partial := make([]map[string]int, shards)
	var wg sync.WaitGroup
	for s := 0; s < shards; s++ {
		partial[s] = map[string]int{}
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			for t := range tasks {
				for _, w := range t.words {
					partial[s][w]++
				}
			}
		}(s)
	}

	buckets := map[int][]string{}
	for _, w := range words {
		b := shardOf(w, max(shards, 1))
		buckets[b] = append(buckets[b], w)
	}
	for _, ws := range buckets {
		tasks <- task{ws}
	}
	close(tasks)
	wg.Wait()

	total := map[string]int{}
	for _, p := range partial {
		for w, n := range p {
			total[w] += n
		}
	}
	fmt.Printf("%d shards, %d distinct words, the=%d\n", shards, len(total), total["the"])
	if total["the"] == 3 && len(total) == 9 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
