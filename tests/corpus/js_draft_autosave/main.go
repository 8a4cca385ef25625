//go:build js && wasm

// js_draft_autosave: an editor keeps the user's draft in a file next to the binary
// so it survives a reload; on start it restores the draft, on change it saves it.
package main

import (
	"os"
	"strings"
	"syscall/js"
)

const draftFile = "draft.txt"

func save(text string) error {
	return os.WriteFile(draftFile, []byte(text), 0o644)
}

func restore() (string, error) {
	data, err := os.ReadFile(draftFile)
	if os.IsNotExist(err) {
		return "", nil
	}
	return string(data), err
}

func main() {
	console := js.Global().Get("console")
	prev, err := restore()
	if err != nil {
		console.Call("log", "restore failed:", err.Error())
		os.Exit(1)
	}
	draft := prev + "Dear team,\nthe build is green again."
	if err := save(draft); err != nil {
		console.Call("log", "autosave failed:", err.Error())
		os.Exit(1)
	}
	back, err := restore()
	if err != nil || !strings.HasSuffix(back, "green again.") {
		console.Call("log", "RESULT WRONG")
		return
	}
	console.Call("log", "draft saved,", len(back), "bytes")
	console.Call("log", "RESULT OK")
}
