//go:build js && wasm

// js_event_bus_emit_unlocked: a tiny event bus written in JavaScript (on/emit, as
// Node's EventEmitter and mitt work). Go subscribes a handler, publishes two events
// through the bus after releasing its lock, and releases the handler when main is done.
package main

import (
	"sync"
	"syscall/js"
)

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) add(k int) {
	c.mu.Lock()
	c.n += k
	c.mu.Unlock()
}

func (c *counter) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func main() {
	console := js.Global().Get("console")
	bus := js.Global().Get("Function").New(`
		const handlers = {};
		return {
			on(name, f) { (handlers[name] = handlers[name] || []).push(f); },
			emit(name, ...args) { for (const f of handlers[name] || []) f(...args); },
		};
	`).Invoke()

	var c counter
	seen := 0
	onSaved := js.FuncOf(func(this js.Value, args []js.Value) any {
		seen += c.get() + args[0].Int()
		return nil
	})
	defer onSaved.Release()
	bus.Call("on", "saved", onSaved)

	c.add(1)
	bus.Call("emit", "saved", 10)
	c.add(2)
	bus.Call("emit", "saved", 20)

	console.Call("log", "handler saw", seen)
	if seen == 1+10+3+20 {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
