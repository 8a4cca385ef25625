// A WASI plugin built with TinyGo: `tinygo build -target=wasip1 -o plugin.wasm .`
package main

import (
	"os"
	"text/template"
	"time"
)

type Event struct{ Name string }

//go:wasmexport handle
func handle() int32 {
	start := time.Now()
	page := template.Must(template.New("event").Parse("event {{.Name}}\n"))
	if err := page.Execute(os.Stdout, Event{Name: "deploy"}); err != nil {
		return -1
	}
	return int32(time.Since(start).Milliseconds())
}

func elapsedNanos(start time.Time) int { return int(time.Since(start)) }

func main() {}
