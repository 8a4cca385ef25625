// hash_progress: computes the SHA-256 of a generated 2 MiB data file in chunks, while a
// progress reporter shows the percentage done; the digest is checked against hashing the
// same data in memory.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
)

func main() {
	dir, err := os.MkdirTemp("", "hashprog")
	if err != nil {
		fmt.Println("tempdir:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)

	data := bytes.Repeat([]byte("0123456789abcdef"), 128*1024)
	path := filepath.Join(dir, "blob.bin")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		fmt.Println("write:", err)
		os.Exit(1)
	}

	var read, finished atomic.Int64
	total := int64(len(data))
	sum := make(chan string, 1)

	go func() {
		defer finished.Store(1)
		f, err := os.Open(path)
		if err != nil {
			sum <- "error: " + err.Error()
			return
		}
		defer f.Close()
		h := sha256.New()
		buf := make([]byte, 64*1024)
		for {
			n, err := f.Read(buf)
			h.Write(buf[:n])
			read.Add(int64(n))
			if err == io.EOF {
				break
			}
			if err != nil {
				sum <- "error: " + err.Error()
				return
			}
		}
		sum <- hex.EncodeToString(h.Sum(nil))
	}()

	// Progress reporter: print each new 25% step until the hasher is done.
	lastStep := int64(-1)
	for finished.Load() == 0 {
		if step := read.Load() * 4 / total; step != lastStep {
			lastStep = step
			fmt.Printf("progress %d%%\n", step*25)
		}
		runtime.Gosched()
	}

	got := <-sum
	want := sha256.Sum256(data)
	fmt.Println("sha256:", got)
	if got == hex.EncodeToString(want[:]) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
