// wasi_job_log_tmp: a batch job that sends its log to a per-run file in the system
// temporary directory, processes a list of records, and then re-reads its own log to
// print a one-line summary of what was logged.
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

func process(recs []string) (okN, bad int) {
	for i, r := range recs {
		if strings.Contains(r, "=") {
			log.Printf("record %d ok: %s", i, r)
			okN++
		} else {
			log.Printf("record %d skipped: no '=' in %q", i, r)
			bad++
		}
	}
	return
}

func main() {
	logPath := filepath.Join(os.TempDir(), fmt.Sprintf("job-%d.log", os.Getpid()))
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		fmt.Println("cannot open log:", err)
		os.Exit(1)
	}
	defer os.Remove(logPath)
	log.SetOutput(f)
	log.SetFlags(0)
	log.SetPrefix("job: ")

	okN, bad := process([]string{"a=1", "b=2", "garbage", "c=3"})
	if err := f.Close(); err != nil {
		fmt.Println("close log:", err)
		os.Exit(1)
	}

	rf, err := os.Open(logPath)
	if err != nil {
		fmt.Println("reopen log:", err)
		os.Exit(1)
	}
	defer rf.Close()
	lines, skipped := 0, 0
	sc := bufio.NewScanner(rf)
	for sc.Scan() {
		lines++
		if strings.Contains(sc.Text(), "skipped") {
			skipped++
		}
	}
	fmt.Printf("processed %d ok, %d bad; log has %d lines (%d skipped)\n", okN, bad, lines, skipped)
	if lines == 4 && skipped == bad && okN == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
