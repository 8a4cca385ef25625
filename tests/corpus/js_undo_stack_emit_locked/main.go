//go:build js && wasm

// js_undo_stack_emit_locked: an editor's undo stack. Push records an edit under the stack's
// mutex and announces it through an EventTarget so the toolbar can refresh its "undo
// (n)" label; the toolbar's listener reads the depth through the same stack.
package main

import (
	"strconv"
	"sync"
	"syscall/js"
)

type undoStack struct {
	mu     sync.Mutex
	edits  []string
	target js.Value
}

func (u *undoStack) Depth() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.edits)
}

func (u *undoStack) announce(kind string) {
	u.target.Call("dispatchEvent", js.Global().Get("Event").New(kind))
}

func (u *undoStack) Push(edit string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.edits = append(u.edits, edit)
	u.announce("changed")
}

func main() {
	console := js.Global().Get("console")
	stack := &undoStack{target: js.Global().Get("EventTarget").New()}
	label := ""
	refresh := js.FuncOf(func(this js.Value, args []js.Value) any {
		label = "undo (" + strconv.Itoa(stack.Depth()) + ")"
		return nil
	})
	stack.target.Call("addEventListener", "changed", refresh)

	for _, e := range []string{"type a", "type b", "delete"} {
		stack.Push(e)
	}
	console.Call("log", "toolbar:", label)
	if label == "undo (3)" {
		console.Call("log", "RESULT OK")
	}
	refresh.Release()
}
