//go:build js && wasm

// A browser handler that fetches data inside a js.FuncOf callback, and a main that
// returns while the handler is still registered.
package main

import (
	"io"
	"net/http"
	"syscall/js"
)

func load(this js.Value, args []js.Value) any {
	resp, err := http.Get("/api/items")
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func main() {
	js.Global().Get("window").Set("loadItems", js.FuncOf(load))
}
