// pow_solver_ctx_poll: a proof-of-work challenge solver (as in anti-bot widgets) looks
// for the nonce with the most leading zero bits until its context's deadline, checking
// ctx.Done() with a non-blocking select; the hot loop allocates nothing.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/bits"
	"time"
)

func solve(ctx context.Context, challenge [32]byte) (best uint64, zeros int) {
	var buf [40]byte
	copy(buf[:32], challenge[:])
	for nonce := uint64(0); ; nonce++ {
		select {
		case <-ctx.Done():
			return best, zeros
		default:
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
