// report_relative_output: a report generator writes its output next to where it runs
// (a relative path) and reads it back to print a summary line.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	rows := []string{"alpha,3", "beta,5", "gamma,8"}
	out := filepath.Join("out", "report.csv")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(out, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	lines := strings.Count(string(data), "\n")
	fmt.Printf("wrote %s (%d rows)\n", out, lines)
	if lines == len(rows) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
