//go:build js && wasm

// js_async_handler: a message handler for a Node worker. Handlers must return to
// JavaScript quickly, so each message is processed in its own goroutine, which is
// free to await promises, touch files and print.
package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall/js"
)

func await(p js.Value) js.Value {
	ch := make(chan js.Value, 1)
	then := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- a[0]; return nil })
	defer then.Release()
	p.Call("then", then)
	return <-ch
}

var delayUpper = js.Global().Get("Function").New("s", `
	return new Promise(r => setTimeout(() => r(s.toUpperCase()), 3));
`)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	journal := []string{}

	onMessage := js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := args[0].String()
		wg.Add(1)
		go func() {
			defer wg.Done()
			up := await(delayUpper.Invoke(msg)).String()
			f, err := os.OpenFile("journal.log", os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
			if err == nil {
				fmt.Fprintln(f, up)
				f.Close()
			}
			fmt.Println("handled", msg)
			mu.Lock()
			journal = append(journal, up)
			mu.Unlock()
		}()
		return nil
	})
	defer onMessage.Release()

	port := js.Global().Call("require", "events").New()
	port.Call("on", "message", onMessage)
	wg.Add(1) // the sender below
	send := js.FuncOf(func(js.Value, []js.Value) any {
		for _, m := range []string{"alpha", "beta", "gamma"} {
			port.Call("emit", "message", m)
		}
		wg.Done()
		return nil
	})
	defer send.Release()
	js.Global().Call("setTimeout", send, 2)
	wg.Wait()

	data, _ := os.ReadFile("journal.log")
	lines := strings.Fields(string(data))
	fmt.Println("journal:", lines)
	if len(journal) == 3 && len(lines) == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
