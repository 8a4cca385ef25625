// wasi_lockfile_backoff: several jobs append to a shared ledger file; each takes an
// exclusive lock file (created with O_EXCL) before appending and retries with
// exponential backoff while another job holds it. A lock older than a few seconds is
// treated as left over from a crashed job and removed.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

const staleAfter = 5 * time.Second

func lock(path string) (func(), error) {
	delay := time.Millisecond
	for attempt := 0; attempt < 12; attempt++ {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if fi, serr := os.Stat(path); serr == nil && time.Since(fi.ModTime()) > staleAfter {
			os.Remove(path)
			continue
		}
		time.Sleep(delay)
		delay *= 2
	}
	return nil, fmt.Errorf("lock %s: still held", path)
}

func appendEntry(ledger, lockPath, entry string) error {
	unlock, err := lock(lockPath)
	if err != nil {
		return err
	}
	defer unlock()
	old, err := os.ReadFile(ledger)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	time.Sleep(2 * time.Millisecond) // read-modify-write window
	return os.WriteFile(ledger, append(old, entry+"\n"...), 0o644)
}

func main() {
	dir := "var"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Println("mkdir:", err)
		os.Exit(1)
	}
	ledger, lockPath := filepath.Join(dir, "ledger.txt"), filepath.Join(dir, "ledger.lock")

	// A lock left behind by a crashed run an hour ago.
	os.WriteFile(lockPath, []byte("999\n"), 0o600)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(lockPath, old, old)

	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs <- appendEntry(ledger, lockPath, fmt.Sprintf("job%d", i))
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			fmt.Println("append:", err)
			os.Exit(1)
		}
	}
	data, err := os.ReadFile(ledger)
	if err != nil {
		fmt.Println("read:", err)
		os.Exit(1)
	}
	lines := strings.Fields(string(data))
	fmt.Println(len(lines), "entries:", strings.Join(lines, " "))
	if _, err := os.Stat(lockPath); len(lines) == 6 && errors.Is(err, fs.ErrNotExist) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
