// batch_import_ctx_chan: the importer receives records from a feeder goroutine and
// selects on the context and the feed together, blocking until either is ready.
package main

import (
	"context"
	"fmt"
	"hash/crc32"
	"time"
)

type record struct {
	id   int
	body []byte
}

func importRecords(ctx context.Context, feed <-chan record) (n int) {
	for {
		select {
		case <-ctx.Done():
			return n
		case r := <-feed:
			_ = crc32.ChecksumIEEE(r.body)
			n++
		}
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()

	feed := make(chan record)
	go func() {
		for id := 1; ; id++ {
			select {
			case feed <- record{id: id, body: []byte(fmt.Sprintf("row-%d", id))}:
			case <-ctx.Done():
				return
			}
		}
	}()
	start := time.Now()
	n := importRecords(ctx, feed)
	took := time.Since(start)
	fmt.Printf("imported %d records in %v\n", n, took.Round(time.Millisecond))
	if n > 0 && took < 2*time.Second {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
