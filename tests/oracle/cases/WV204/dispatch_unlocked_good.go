// The same store, but Commit updates the state under the mutex and unlocks before it
// dispatches: the listener takes the mutex without waiting.
//
// oracle go-js: ok
// oracle go-js: output "view saw 2"
// oracle go-js@browser: ok
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

func main() { run() }

// run releases the listener when it returns, after the last dispatch.
func run() {
	s := &store{events: js.Global().Get("EventTarget").New()}
	seen := 0
	view := js.FuncOf(func(this js.Value, args []js.Value) any {
		seen = s.Count()
		return nil
	})
	defer view.Release()
	s.events.Call("addEventListener", "change", view)
	s.Commit(2)
	js.Global().Get("console").Call("log", "view saw", seen)
}
