//go:build js && wasm

// js_store_dispatch_unlocked: the state store again, but Commit releases the mutex
// before it dispatches the "change" event, so listeners can read the state.
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
	s.count += delta
	s.mu.Unlock()
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
