// A client that waits for a server by retrying while the error is "connection
// refused". On the wasm ports the in-process network's error reads "Connection
// refused" but does not match syscall.ECONNREFUSED, so the check is always false.
//
// oracle go-js: output "refused: false"
// oracle go-wasip1: output "refused: false"
// oracle native: output "refused: true"
package main

import (
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"
)

func main() {
	_, err := net.DialTimeout("tcp", "127.0.0.1:9", time.Second) // want "WV304"
	fmt.Println("refused:", errors.Is(err, syscall.ECONNREFUSED)) // want "WV313"
}
