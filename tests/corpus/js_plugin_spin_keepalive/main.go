//go:build js && wasm

// js_plugin_spin_keepalive: the same kind of plugin, kept alive with an empty loop
// copied from an old snippet; the page calls "slugify" from a timer.
package main

import (
	"strings"
	"syscall/js"
)

func slugify(this js.Value, args []js.Value) any {
	s := strings.ToLower(strings.TrimSpace(args[0].String()))
	return strings.Join(strings.Fields(s), "-")
}

func main() {
	console := js.Global().Get("console")
	js.Global().Set("slugify", js.FuncOf(slugify))

	check := js.FuncOf(func(this js.Value, args []js.Value) any {
		got := js.Global().Call("slugify", "  Hello Wasm World ").String()
		console.Call("log", "slug:", got)
		if got == "hello-wasm-world" {
			console.Call("log", "RESULT OK")
		}
		return nil
	})
	js.Global().Call("setTimeout", check, 1)

	for {
	}
}
