//go:build js && wasm

// js_settings_rlock_dispatch: a settings panel keeps its values behind a sync.RWMutex.
// Save takes the write lock only to update, then dispatches "change" with the read
// lock held; the listener reads under the read lock too, which readers may share.
package main

import (
	"sync"
	"syscall/js"
)

type settings struct {
	mu     sync.RWMutex
	values map[string]string
	events js.Value
}

func (s *settings) Get(key string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.values[key]
}

func (s *settings) Save(key, value string) {
	s.mu.Lock()
	s.values[key] = value
	s.mu.Unlock()

	s.mu.RLock()
	defer s.mu.RUnlock()
	s.events.Call("dispatchEvent", js.Global().Get("Event").New("change"))
}

func main() {
	console := js.Global().Get("console")
	s := &settings{values: map[string]string{}, events: js.Global().Get("EventTarget").New()}
	var shown []string
	render := js.FuncOf(func(this js.Value, args []js.Value) any {
		shown = append(shown, s.Get("theme"))
		return nil
	})
	s.events.Call("addEventListener", "change", render)

	s.Save("theme", "dark")
	s.Save("theme", "light")
	render.Release()

	console.Call("log", "rendered", len(shown), "times")
	if len(shown) == 2 && shown[0] == "dark" && shown[1] == "light" {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
