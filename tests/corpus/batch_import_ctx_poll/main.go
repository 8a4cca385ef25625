// batch_import_ctx_poll: an importer processes records until its time budget runs
// out, checking the context with a non-blocking select between records.
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

func importRecords(ctx context.Context, next func() record) (n int) {
	for {
		select {
		case <-ctx.Done():
			return n
		default:
		}
		r := next()
		_ = crc32.ChecksumIEEE(r.body)
		n++
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()

	id := 0
	next := func() record {
		id++
		return record{id: id, body: []byte(fmt.Sprintf("row-%d;qty=%d", id, id%7))}
	}
	start := time.Now()
	n := importRecords(ctx, next)
	took := time.Since(start)
	fmt.Printf("imported %d records in %v\n", n, took.Round(time.Millisecond))
	if n > 0 && took < 2*time.Second {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
