// flock_pidfile: make sure only one instance of a cron job runs at a time by taking
// an exclusive, non-blocking lock on a pid file.
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

var errRunning = errors.New("another instance is running")

func acquire(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errRunning
		}
		return nil, err
	}
	f.Truncate(0)
	f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
	return f, nil
}

func main() {
	lock, err := acquire("job.pid")
	if err != nil {
		fmt.Println("RESULT WRONG:", err)
		return
	}
	defer lock.Close()

	// A second instance started while we run must be refused.
	_, err = acquire("job.pid")
	fmt.Println("second instance:", err)

	fmt.Println("doing the nightly job...")
	if errors.Is(err, errRunning) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
