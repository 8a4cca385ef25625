// file_tail_follow: `tail -f` for a log file: poll for new data, print complete
// lines, and stop when the writer appends an "EOF" marker.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

func writer(path string) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(f, "request %d handled\n", i)
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Fprintln(f, "EOF")
}

func follow(path string, poll time.Duration) ([]string, error) {
	var f *os.File
	var err error
	for f == nil {
		if f, err = os.Open(path); err != nil {
			if !os.IsNotExist(err) {
				return nil, err
			}
			f = nil
			time.Sleep(poll) // not created yet
		}
	}
	defer f.Close()

	var lines []string
	r := bufio.NewReader(f)
	partial := ""
	for {
		chunk, err := r.ReadString('\n')
		partial += chunk
		if err == io.EOF {
			time.Sleep(poll)
			continue
		}
		if err != nil {
			return lines, err
		}
		line := strings.TrimSuffix(partial, "\n")
		partial = ""
		if line == "EOF" {
			return lines, nil
		}
		fmt.Println("tail:", line)
		lines = append(lines, line)
	}
}

func main() {
	const path = "access.log"
	go writer(path)
	lines, err := follow(path, 2*time.Millisecond)
	if err == nil && len(lines) == 5 && lines[4] == "request 5 handled" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG", err, len(lines))
	}
}
