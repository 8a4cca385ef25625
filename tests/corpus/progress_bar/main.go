// progress_bar: "copy" a set of chunks in a background goroutine and redraw a text
// progress bar whenever the percentage changes.
package main

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"strings"
	"sync/atomic"
)

const chunks = 200

type copier struct {
	done     atomic.Int64
	crc      uint32
	finished chan struct{}
}

func (c *copier) run(src [][]byte) {
	var dst bytes.Buffer
	for _, chunk := range src {
		dst.Write(chunk)
		c.done.Add(1)
	}
	c.crc = crc32.ChecksumIEEE(dst.Bytes())
	close(c.finished)
}

func bar(pct int64) string {
	n := int(pct / 5)
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", 20-n) + "]"
}

func main() {
	src := make([][]byte, chunks)
	var all []byte
	for i := range src {
		src[i] = bytes.Repeat([]byte{byte(i)}, 512)
		all = append(all, src[i]...)
	}

	c := &copier{finished: make(chan struct{})}
	go c.run(src)

	last := int64(-1)
	for {
		n := c.done.Load()
		pct := n * 100 / chunks
		if pct != last && pct%25 == 0 {
			fmt.Printf("\r%s %3d%%\n", bar(pct), pct)
			last = pct
		}
		if n == chunks {
			break
		}
	}

	<-c.finished
	if c.crc == crc32.ChecksumIEEE(all) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG: checksum mismatch")
	}
}
