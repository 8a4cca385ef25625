//go:build js && wasm

// js_node_cli_select: a small Node.js tool compiled to wasm. It reads its arguments, does its
// work in a timer callback (as code ported from JavaScript often does), and
// parks main with select {} so the callback can run.
package main

import (
	"os"
	"strings"
	"syscall/js"
)

func main() {
	console := js.Global().Get("console")
	words := append([]string{"alpha", "beta"}, os.Args[1:]...)
	if versions := js.Global().Get("process").Get("versions"); !versions.IsUndefined() {
		console.Call("log", "node", versions.Get("node").String())
	}
	js.Global().Call("setTimeout", js.FuncOf(func(this js.Value, args []js.Value) any {
		joined := strings.ToUpper(strings.Join(words, ","))
		console.Call("log", joined)
		if joined == "ALPHA,BETA" {
			console.Call("log", "RESULT OK")
		}
		return nil
	}), 5)
	select {}
}
