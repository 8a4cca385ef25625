//go:build js && wasm

// js_await_helper: a generic await helper turning JS Promises into Go results, used from main
// to load three "resources" from an async JS loader, one of which is rejected; the loader's
// results and the rejection message are checked.
package main

import (
	"errors"
	"fmt"
	"syscall/js"
)

func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	onOK := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	defer onOK.Release()
	onErr := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- result{err: errors.New(args[0].Get("message").String())}
		return nil
	})
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	r := <-ch
	return r.v, r.err
}

func main() {
	loader := js.Global().Get("Function").New("name", `
		return new Promise((resolve, reject) => setTimeout(() => {
			if (name === "missing.json") reject(new Error("404 " + name));
			else resolve({name, size: name.length * 10});
		}, 3));`)

	sizes := map[string]int{}
	var failures []string
	for _, name := range []string{"app.json", "missing.json", "theme.json"} {
		v, err := await(loader.Invoke(name))
		if err != nil {
			failures = append(failures, err.Error())
			continue
		}
		sizes[v.Get("name").String()] = v.Get("size").Int()
	}

	fmt.Println("sizes:", sizes, "failures:", failures)
	if sizes["app.json"] == 80 && sizes["theme.json"] == 100 && len(failures) == 1 &&
		failures[0] == "404 missing.json" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
