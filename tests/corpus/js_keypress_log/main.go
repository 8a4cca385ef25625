//go:build js && wasm

// js_keypress_log: a key-binding table for a terminal UI. Key events come from a
// Node EventEmitter; each handler logs what it did.
package main

import (
	"log"
	"os"
	"strings"
	"syscall/js"
)

type editor struct {
	line   []rune
	cursor int
}

func (e *editor) handle(key string) {
	switch key {
	case "left":
		e.cursor = max(0, e.cursor-1)
	case "right":
		e.cursor = min(len(e.line), e.cursor+1)
	case "backspace":
		if e.cursor > 0 {
			e.line = append(e.line[:e.cursor-1], e.line[e.cursor:]...)
			e.cursor--
		}
	default:
		r := []rune(key)
		e.line = append(e.line[:e.cursor], append(r, e.line[e.cursor:]...)...)
		e.cursor += len(r)
	}
}

func main() {
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	events := js.Global().Call("require", "events")
	keys := events.New()

	ed := &editor{}
	done := make(chan struct{})
	onKey := js.FuncOf(func(this js.Value, args []js.Value) any {
		k := args[0].String()
		if k == "enter" {
			close(done)
			return nil
		}
		ed.handle(k)
		log.Printf("key %-9s -> %q", k, string(ed.line))
		return nil
	})
	defer onKey.Release()
	keys.Call("on", "key", onKey)

	// Replay a recorded session once the Go side is listening.
	script := strings.Split("h,e,l,o,left,l,right,!,backspace,enter", ",")
	feed := js.Global().Get("Function").New("em", "keys", `
		let i = 0;
		const t = setInterval(() => { em.emit("key", keys[i++]); if (i === keys.length) clearInterval(t); }, 2);
	`)
	jsKeys := make([]any, len(script))
	for i, s := range script {
		jsKeys[i] = s
	}
	feed.Invoke(keys, js.ValueOf(jsKeys))

	<-done
	if string(ed.line) == "hello" {
		log.Println("RESULT OK")
	} else {
		log.Printf("RESULT WRONG: %q", string(ed.line))
	}
}
