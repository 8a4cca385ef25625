//go:build js && wasm

// js_promise_main: load several resources through Promise-based JS APIs from the
// main goroutine (not from a callback), with a timeout per request.
package main

import (
	"errors"
	"fmt"
	"syscall/js"
	"time"
)

var errTimeout = errors.New("timed out")

func await(p js.Value, timeout time.Duration) (js.Value, error) {
	val, fail := make(chan js.Value, 1), make(chan error, 1)
	resolve := js.FuncOf(func(_ js.Value, a []js.Value) any { val <- a[0]; return nil })
	reject := js.FuncOf(func(_ js.Value, a []js.Value) any {
		fail <- errors.New(a[0].Get("message").String())
		return nil
	})
	defer resolve.Release()
	defer reject.Release()
	p.Call("then", resolve).Call("catch", reject)

	select {
	case v := <-val:
		return v, nil
	case err := <-fail:
		return js.Undefined(), err
	case <-time.After(timeout):
		return js.Undefined(), errTimeout
	}
}

var load = js.Global().Get("Function").New("name", "ms", "ok", `
	return new Promise((res, rej) => setTimeout(() => ok ? res({ name, size: name.length * 100 }) : rej(new Error(name + ": 404")), ms));
`)

func main() {
	type req struct {
		name string
		ms   int
		ok   bool
	}
	reqs := []req{{"styles.css", 5, true}, {"app.js", 10, true}, {"missing.png", 5, false}, {"slow.json", 400, true}}
	var loaded, failed, timedOut int
	for _, r := range reqs {
		v, err := await(load.Invoke(r.name, r.ms, r.ok), 100*time.Millisecond)
		switch {
		case errors.Is(err, errTimeout):
			timedOut++
			fmt.Println(r.name, "timed out")
		case err != nil:
			failed++
			fmt.Println("error:", err)
		default:
			loaded++
			fmt.Println("loaded", v.Get("name").String(), v.Get("size").Int(), "bytes")
		}
	}
	if loaded == 2 && failed == 1 && timedOut == 1 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
