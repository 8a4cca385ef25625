//go:build js && wasm

// js_debounce_sleep: a search box handler. Typing fires "input" events rapidly; the
// handler waits a few milliseconds and only runs the search if no newer keystroke
// arrived meanwhile.
package main

import (
	"strings"
	"sync"
	"syscall/js"
	"time"
)

var index = []string{"golang", "gopher", "google", "gorilla", "goroutine", "graph"}

type searchBox struct {
	mu       sync.Mutex
	version  int
	searches []string
}

func (s *searchBox) onInput(query string) {
	s.mu.Lock()
	s.version++
	mine := s.version
	s.mu.Unlock()

	time.Sleep(8 * time.Millisecond) // debounce

	s.mu.Lock()
	defer s.mu.Unlock()
	if mine != s.version {
		return // superseded by a newer keystroke
	}
	var hits []string
	for _, w := range index {
		if strings.HasPrefix(w, query) {
			hits = append(hits, w)
		}
	}
	s.searches = append(s.searches, query+"="+strings.Join(hits, ","))
}

func main() {
	box := &searchBox{}
	done := make(chan struct{})
	handler := js.FuncOf(func(this js.Value, args []js.Value) any {
		if args[0].String() == "<blur>" {
			close(done)
			return nil
		}
		box.onInput(args[0].String())
		return nil
	})
	defer handler.Release()

	input := js.Global().Call("require", "events").New()
	input.Call("on", "input", handler)
	typist := js.Global().Get("Function").New("box", `
		const keys = ["g", "go", "gor", "gori", "<pause>", "goro", "<blur>"];
		let t = 0;
		for (const k of keys) {
			if (k === "<pause>") { t += 40; continue; }
			setTimeout(() => box.emit("input", k), t += 2);
		}
	`)
	typist.Invoke(input)
	<-done

	console := js.Global().Get("console")
	console.Call("log", "searches run:", strings.Join(box.searches, " "))
	// "g", "go" and "gor" are superseded within the debounce window; only the last
	// query of each burst should reach the index.
	if strings.Join(box.searches, " ") == "gori=gorilla goro=goroutine" {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
