// Commit holds the store's mutex while dispatchEvent runs the "change" listener, and the
// listener reads the state through the same mutex. dispatchEvent calls the listener before
// it returns, so the listener waits for a lock that its caller holds: every goroutine is
// asleep. The same in a browser and under Node.js (EventTarget is the same there).
//
// oracle go-js: deadlock
// oracle go-js@browser: deadlock
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
	s.events.Call("dispatchEvent", js.Global().Get("Event").New("change")) // want "WV204"
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
