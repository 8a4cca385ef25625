//go:build js && wasm

// js_store_dispatch_locked: a tiny state store for a UI. Commit updates the state under
// the store's mutex and dispatches a "change" event so views can re-read the state;
// a view's listener reads the state through the same store.
package main

import (
	"sync"
	"syscall/js"
)

type store struct {
	mu     sync.Mutex
	count  int
	events js.Value
}

func (s *store) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count
}

func (s *store) Commit(delta int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count += delta
	s.events.Call("dispatchEvent", js.Global().Get("Event").New("change"))
}

func main() {
	console := js.Global().Get("console")
	s := &store{events: js.Global().Get("EventTarget").New()}
	seen := 0
	view := js.FuncOf(func(this js.Value, args []js.Value) any {
		seen = s.Count()
		return nil
	})
	defer view.Release()
	s.events.Call("addEventListener", "change", view)

	s.Commit(2)
	s.Commit(3)
	console.Call("log", "view saw", seen)
	if seen == 5 {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
