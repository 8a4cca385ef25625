//go:build js && wasm

// js_modal_confirm: a "delete item" button handler that asks an asynchronous confirmation
// service (a JS function returning a Promise, as a modal dialog library would) and waits for the
// answer before deleting. The button click is simulated with setTimeout.
package main

import (
	"fmt"
	"syscall/js"
)

// await blocks until the promise settles and returns its value.
func await(p js.Value) (js.Value, bool) {
	ch := make(chan js.Value, 1)
	ok := make(chan bool, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- args[0]
		ok <- true
		return nil
	})
	catch := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- args[0]
		ok <- false
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	return <-ch, <-ok
}

func main() {
	// A confirmation service answering after a short delay.
	confirm := js.Global().Get("Function").New("msg",
		"return new Promise(r => setTimeout(() => r(msg.startsWith('Delete')), 5));")

	items := []string{"a", "b", "c"}
	done := make(chan struct{})

	onDelete := js.FuncOf(func(this js.Value, args []js.Value) any {
		target := args[0].String()
		answer, ok := await(confirm.Invoke("Delete " + target + "?"))
		if ok && answer.Bool() {
			for i, it := range items {
				if it == target {
					items = append(items[:i], items[i+1:]...)
					break
				}
			}
		}
		close(done)
		return nil
	})
	defer onDelete.Release()

	js.Global().Call("setTimeout", onDelete, 10, "b")
	<-done

	fmt.Println("items left:", items)
	if len(items) == 2 && items[0] == "a" && items[1] == "c" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
