//go:build js && wasm

// js_async_handler: a "save" button handler that must call an asynchronous storage API (a
// JS function returning a Promise). The handler hands the slow work to a goroutine and
// returns at once; results flow back to main over a channel. Three clicks are simulated.
package main

import (
	"fmt"
	"sort"
	"syscall/js"
)

func await(p js.Value) js.Value {
	ch := make(chan js.Value, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- args[0]
		return nil
	})
	defer then.Release()
	p.Call("then", then)
	return <-ch
}

func main() {
	store := js.Global().Get("Function").New("key", "value", `
		globalThis.storage ??= new Map();
		return new Promise(r => setTimeout(() => { storage.set(key, value); r(storage.size); }, 5));`)

	saved := make(chan string, 3)
	onSave := js.FuncOf(func(this js.Value, args []js.Value) any {
		key, value := args[0].String(), args[1].String()
		go func() {
			size := await(store.Invoke(key, value)).Int()
			saved <- fmt.Sprintf("%s(%d)", key, size)
		}()
		return nil
	})
	defer onSave.Release()

	for i, doc := range []string{"draft", "notes", "todo"} {
		js.Global().Call("setTimeout", onSave, 2*i, doc, "content of "+doc)
	}

	var got []string
	for i := 0; i < 3; i++ {
		got = append(got, <-saved)
	}
	sort.Strings(got)
	size := js.Global().Get("storage").Get("size").Int()

	fmt.Println("saved:", got, "storage size:", size)
	if size == 3 && len(got) == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
