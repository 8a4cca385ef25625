// checksum_scan_deadline: a data-recovery helper scans offsets of a damaged block for a
// 32-bit checksum match until its time budget runs out, counting the offsets it tried;
// it checks the budget with a non-blocking select on ctx.Done().
package main

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"time"
)

func scan(ctx context.Context, block []byte, want uint32) (tried int, found int) {
	found = -1
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return i, found
		default:
		}
		off := i % (len(block) - 8)
		if binary.LittleEndian.Uint32(block[off:]) == want && found < 0 {
			found = off
		}
		_ = crc32.ChecksumIEEE(block[off : off+8])
	}
}

func main() {
	block := make([]byte, 4096)
	for i := range block {
		block[i] = byte(i * 7)
	}
	want := binary.LittleEndian.Uint32(block[1000:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	tried, found := scan(ctx, block, want)
	took := time.Since(start)
	fmt.Printf("tried %d offsets, match at %d, in %v\n", tried, found, took.Round(time.Millisecond))
	if found >= 0 && took < time.Second {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
