// job_result_file_poll: a build step runs in a goroutine and writes its report to a
// file; the caller polls for the file to appear instead of waiting on a channel.
package main

import (
	"fmt"
	"os"
	"strings"
	"time"
)

func runJob(out string) {
	time.Sleep(3 * time.Millisecond) // compile
	report := "target=app.wasm\nstatus=ok\n"
	os.WriteFile(out+".tmp", []byte(report), 0o644)
	os.Rename(out+".tmp", out)
}

func main() {
	const out = "report.txt"
	os.Remove(out)
	go runJob(out)

	deadline := time.Now().Add(3 * time.Second)
	var data []byte
	for time.Now().Before(deadline) {
		b, err := os.ReadFile(out)
		if err == nil {
			data = b
			break
		}
	}
	fmt.Printf("report: %q\n", data)
	if strings.Contains(string(data), "status=ok") {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
