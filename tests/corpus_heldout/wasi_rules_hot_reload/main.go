// wasi_rules_hot_reload: a filter daemon that watches its rules file by polling its
// modification time and size, reloads the rule set when the file changes, and applies
// the current rules to incoming messages. An editor goroutine rewrites the file twice.
package main

import (
	"fmt"
	"os"
	"strings"
	"time"
)

type rules []string

func load(path string) (rules, os.FileInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	fi, err := os.Stat(path)
	return strings.Fields(string(data)), fi, err
}

func changed(a, b os.FileInfo) bool {
	return !a.ModTime().Equal(b.ModTime()) || a.Size() != b.Size()
}

func watch(path string, every time.Duration, out chan<- rules, stop <-chan struct{}) {
	_, last, err := load(path)
	if err != nil {
		close(out)
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			fi, err := os.Stat(path)
			if err != nil || !changed(last, fi) {
				continue
			}
			if r, fi2, err := load(path); err == nil {
				last = fi2
				out <- r
			}
		}
	}
}

func blocked(r rules, msg string) bool {
	for _, w := range r {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

func main() {
	path := "rules.txt"
	if err := os.WriteFile(path, []byte("spam\n"), 0o644); err != nil {
		fmt.Println("init:", err)
		os.Exit(1)
	}
	current, _, _ := load(path)
	updates := make(chan rules)
	stop := make(chan struct{})
	go watch(path, 5*time.Millisecond, updates, stop)

	go func() {
		time.Sleep(20 * time.Millisecond)
		os.WriteFile(path, []byte("spam\nscam\n"), 0o644)
		time.Sleep(40 * time.Millisecond)
		os.WriteFile(path, []byte("spam\nscam\nphish\n"), 0o644)
	}()

	msgs := []string{"hello", "cheap scam", "phish here"}
	deadline := time.After(2 * time.Second)
	for reloads := 0; reloads < 2; {
		select {
		case r, ok := <-updates:
			if !ok {
				fmt.Println("watcher stopped")
				os.Exit(1)
			}
			current = r
			reloads++
			fmt.Printf("reload %d: %v\n", reloads, current)
		case <-deadline:
			fmt.Println("RESULT TIMEOUT")
			return
		}
	}
	close(stop)
	n := 0
	for _, m := range msgs {
		if blocked(current, m) {
			n++
		}
	}
	if n == 2 && len(current) == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG", n, current)
	}
}
