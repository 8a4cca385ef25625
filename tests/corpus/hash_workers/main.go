// hash_workers: checksum a batch of in-memory "files" with a worker pool that leaves
// one CPU free for the main goroutine.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sort"
	"sync"
)

type job struct {
	name string
	data []byte
}

type result struct {
	name string
	sum  string
}

func makeJobs(n int) []job {
	jobs := make([]job, n)
	for i := range jobs {
		buf := make([]byte, 4096)
		for j := range buf {
			buf[j] = byte(i*31 + j)
		}
		jobs[i] = job{name: fmt.Sprintf("file-%02d.bin", i), data: buf}
	}
	return jobs
}

func main() {
	jobs := makeJobs(24)

	// Keep one core for the collector; the rest hash.
	workers := runtime.NumCPU() - 1
	in := make(chan job)
	out := make(chan result)

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				h := sha256.Sum256(j.data)
				out <- result{j.name, hex.EncodeToString(h[:8])}
			}
		}()
	}

	go func() {
		for _, j := range jobs {
			in <- j
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()

	var sums []result
	for r := range out {
		sums = append(sums, r)
	}
	sort.Slice(sums, func(a, b int) bool { return sums[a].name < sums[b].name })
	for i, r := range sums {
		if i == 3 {
			break
		}
		fmt.Printf("%s  %s\n", r.sum, r.name)
	}
	if len(sums) == len(jobs) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Printf("RESULT WRONG: hashed %d of %d files\n", len(sums), len(jobs))
	}
}
