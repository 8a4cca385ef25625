// pow_solver_ctx_gosched: the proof-of-work solver yields every 1024 nonces with
// runtime.Gosched(), so the context's timer gets to fire on a single thread.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/bits"
	"runtime"
	"time"
)

func solve(ctx context.Context, challenge [32]byte) (best uint64, zeros int) {
	var buf [40]byte
	copy(buf[:32], challenge[:])
	for nonce := uint64(0); ; nonce++ {
		if nonce%1024 == 0 {
			runtime.Gosched()
			if ctx.Err() != nil {
				return best, zeros
			}
		}
		binary.LittleEndian.PutUint64(buf[32:], nonce)
		sum := sha256.Sum256(buf[:])
		if z := bits.LeadingZeros64(binary.BigEndian.Uint64(sum[:8])); z > zeros {
			best, zeros = nonce, z
		}
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	nonce, zeros := solve(ctx, sha256.Sum256([]byte("challenge-42")))
	took := time.Since(start)
	fmt.Printf("best nonce %d with %d zero bits in %v\n", nonce, zeros, took.Round(time.Millisecond))
	if zeros > 0 && took < time.Second {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
