//go:build js && wasm

// js_plugin_select_keepalive: a formatting plugin that exports its API on the global
// object, reports that it is ready and parks main so the page can keep calling it.
package main

import (
	"strings"
	"syscall/js"
)

func formatName(this js.Value, args []js.Value) any {
	parts := strings.Fields(args[0].String())
	for i, p := range parts {
		parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
	}
	return strings.Join(parts, " ")
}

func main() {
	console := js.Global().Get("console")
	js.Global().Set("formatName", js.FuncOf(formatName))

	got := js.Global().Call("formatName", "ada  LOVELACE").String()
	console.Call("log", "self-test:", got)
	if got == "Ada Lovelace" {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}

	select {} // keep the exported functions alive for the page
}
