//go:build js && wasm

// js_promise_chain: builds a chain of JS Promises whose steps are Go functions (then handlers
// made with js.FuncOf), each transforming the running value, and waits in main for the final
// value before checking it.
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	promise := js.Global().Get("Promise")
	var funcs []js.Func
	step := func(f func(int) int) js.Func {
		fn := js.FuncOf(func(this js.Value, args []js.Value) any {
			return f(args[0].Int())
		})
		funcs = append(funcs, fn)
		return fn
	}

	done := make(chan int, 1)
	failed := make(chan string, 1)
	finish := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- args[0].Int()
		return nil
	})
	defer finish.Release()
	fail := js.FuncOf(func(this js.Value, args []js.Value) any {
		failed <- args[0].Call("toString").String()
		return nil
	})
	defer fail.Release()

	p := promise.Call("resolve", 3)
	p = p.Call("then", step(func(v int) int { return v * 7 }))
	p = p.Call("then", step(func(v int) int { return v + 21 }))
	p = p.Call("then", step(func(v int) int { return v / 6 }))
	p.Call("then", finish).Call("catch", fail)

	var got int
	select {
	case got = <-done:
	case msg := <-failed:
		fmt.Println("promise rejected:", msg)
		return
	}
	for _, f := range funcs {
		f.Release()
	}

	fmt.Println("final value:", got)
	if got == 7 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
