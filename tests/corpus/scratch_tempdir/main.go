// scratch_tempdir: sort a large list of records with an external merge sort that
// spills sorted runs to a scratch directory.
package main

import (
	"bufio"
	"container/heap"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

func writeRun(dir string, n int, vals []int) (string, error) {
	sort.Ints(vals)
	path := filepath.Join(dir, "run-"+strconv.Itoa(n))
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	for _, v := range vals {
		fmt.Fprintln(w, v)
	}
	return path, w.Flush()
}

type item struct {
	v  int
	sc *bufio.Scanner
}
type minHeap []item

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i].v < h[j].v }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(item)) }
func (h *minHeap) Pop() any          { old := *h; x := old[len(old)-1]; *h = old[:len(old)-1]; return x }

func main() {
	scratch, err := os.MkdirTemp("", "extsort-")
	if err != nil {
		fmt.Println("cannot create scratch dir:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(scratch)

	rng := rand.New(rand.NewSource(1))
	var runs []string
	const runSize = 1000
	for r := 0; r < 5; r++ {
		vals := make([]int, runSize)
		for i := range vals {
			vals[i] = rng.Intn(1_000_000)
		}
		p, err := writeRun(scratch, r, vals)
		if err != nil {
			fmt.Println("spill failed:", err)
			os.Exit(1)
		}
		runs = append(runs, p)
	}

	h := &minHeap{}
	for _, p := range runs {
		f, err := os.Open(p)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		if sc.Scan() {
			v, _ := strconv.Atoi(sc.Text())
			heap.Push(h, item{v, sc})
		}
	}
	count, prev, sorted := 0, -1, true
	for h.Len() > 0 {
		it := heap.Pop(h).(item)
		sorted = sorted && it.v >= prev
		prev = it.v
		count++
		if it.sc.Scan() {
			v, _ := strconv.Atoi(it.sc.Text())
			heap.Push(h, item{v, it.sc})
		}
	}
	fmt.Printf("merged %d values from %d runs, sorted=%v\n", count, len(runs), sorted)
	if count == 5*runSize && sorted {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
