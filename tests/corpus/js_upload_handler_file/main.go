//go:build js && wasm

// js_upload_handler_file: the "upload" callback receives text from the page and
// spools it to a file before the Go side processes it.
package main

import (
	"os"
	"syscall/js"
)

func main() {
	console := js.Global().Get("console")
	done := make(chan int, 1)

	onUpload := js.FuncOf(func(this js.Value, args []js.Value) any {
		body := args[0].String()
		if err := os.WriteFile("upload.part", []byte(body), 0o600); err != nil {
			console.Call("log", "spool failed:", err.Error())
			done <- -1
			return nil
		}
		done <- len(body)
		return nil
	})
	defer onUpload.Release()

	js.Global().Call("setTimeout", onUpload, 1, "name,qty\nbolts,40\nnuts,12\n")

	n := <-done
	console.Call("log", "spooled", n, "bytes")
	if n == 27 {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
