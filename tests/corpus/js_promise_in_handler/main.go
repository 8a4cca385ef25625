//go:build js && wasm

// js_promise_in_handler: when the (simulated) page has loaded, fetch the user's
// profile through a Promise-returning JS API and render a greeting.
package main

import (
	"errors"
	"syscall/js"
)

var console = js.Global().Get("console")

// await blocks until the promise settles.
func await(p js.Value) (js.Value, error) {
	type settled struct {
		v   js.Value
		err error
	}
	ch := make(chan settled, 1)
	onOK := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- settled{v: a[0]}; return nil })
	onErr := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- settled{err: errors.New(a[0].Get("message").String())}
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	s := <-ch
	return s.v, s.err
}

// fakeAPI returns a Promise resolving to a profile object after a short delay.
var fakeAPI = js.Global().Get("Function").New("id", `
	return new Promise((resolve, reject) => setTimeout(() => {
		if (id <= 0) reject(new Error("no such user"));
		else resolve({ id, name: "Margaret", plan: "pro" });
	}, 5));
`)

func main() {
	rendered := make(chan string, 1)

	onLoad := js.FuncOf(func(this js.Value, args []js.Value) any {
		profile, err := await(fakeAPI.Invoke(7))
		if err != nil {
			rendered <- "error: " + err.Error()
			return nil
		}
		rendered <- "Welcome back, " + profile.Get("name").String() + " (" + profile.Get("plan").String() + ")"
		return nil
	})
	defer onLoad.Release()
	js.Global().Call("setTimeout", onLoad, 1) // stands in for window.addEventListener("load", ...)

	html := <-rendered
	console.Call("log", html)
	if html == "Welcome back, Margaret (pro)" {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
