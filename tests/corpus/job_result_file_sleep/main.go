// job_result_file_sleep: the caller polls for the report file too, but sleeps between
// attempts, which lets the job goroutine run.
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

	var data []byte
	for attempt := 0; attempt < 200; attempt++ {
		b, err := os.ReadFile(out)
		if err == nil {
			data = b
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Printf("report: %q\n", data)
	if strings.Contains(string(data), "status=ok") {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
