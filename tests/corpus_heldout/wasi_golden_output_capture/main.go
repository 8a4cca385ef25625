// wasi_golden_output_capture: a small self-test runner for a CLI's "summary" command:
// it runs the command's print function with os.Stdout redirected, and compares what
// was printed with the expected golden text.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

type record struct {
	name  string
	bytes int64
}

func printSummary(recs []record) {
	var total int64
	for _, r := range recs {
		fmt.Printf("%-10s %8d\n", r.name, r.bytes)
		total += r.bytes
	}
	fmt.Printf("%-10s %8d\n", "total", total)
}

// capture runs f with os.Stdout pointing into a pipe and returns what f printed.
func capture(f func()) (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	saved := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() {
		var buf bytes.Buffer
		io.Copy(&buf, r)
		done <- buf.Bytes()
	}()
	f()
	w.Close()
	os.Stdout = saved
	return string(<-done), nil
}

const golden = `a.log           120
b.log          4096
total          4216
`

func main() {
	recs := []record{{"a.log", 120}, {"b.log", 4096}}
	got, err := capture(func() { printSummary(recs) })
	if err != nil {
		fmt.Println("capture:", err)
		os.Exit(1)
	}
	if got != golden {
		fmt.Printf("mismatch:\n--- got ---\n%s--- want ---\n%s", got, golden)
		fmt.Println("RESULT WRONG")
		return
	}
	fmt.Println(strings.Count(got, "\n"), "lines match the golden output")
	fmt.Println("RESULT OK")
}
