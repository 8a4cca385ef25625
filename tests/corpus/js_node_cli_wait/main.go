//go:build js && wasm

// js_node_cli_wait: the same Node.js tool, but main waits only until the timer callback
// says the work is done, then returns and releases it.
package main

import (
	"os"
	"strings"
	"syscall/js"
)

func main() { run() }

func run() {
	console := js.Global().Get("console")
	words := append([]string{"alpha", "beta"}, os.Args[1:]...)
	if versions := js.Global().Get("process").Get("versions"); !versions.IsUndefined() {
		console.Call("log", "node", versions.Get("node").String())
	}
	done := make(chan struct{})
	work := js.FuncOf(func(this js.Value, args []js.Value) any {
		joined := strings.ToUpper(strings.Join(words, ","))
		console.Call("log", joined)
		if joined == "ALPHA,BETA" {
			console.Call("log", "RESULT OK")
		}
		close(done)
		return nil
	})
	defer work.Release()
	js.Global().Call("setTimeout", work, 5)
	<-done
}
