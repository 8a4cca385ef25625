//go:build js && wasm

// js_exported_api: exposes a Go "shopping cart" to JavaScript as global functions (cartAdd,
// cartTotal), then keeps the module alive to serve calls. A JS snippet, run on the event loop,
// plays the role of the page script using the API and reports back.
package main

import (
	"fmt"
	"syscall/js"
)

type cart struct{ items map[string]float64 }

func (c *cart) add(name string, price float64) { c.items[name] += price }

func (c *cart) total() float64 {
	t := 0.0
	for _, p := range c.items {
		t += p
	}
	return t
}

func main() {
	c := &cart{items: map[string]float64{}}

	js.Global().Set("cartAdd", js.FuncOf(func(this js.Value, args []js.Value) any {
		c.add(args[0].String(), args[1].Float())
		return len(c.items)
	}))
	js.Global().Set("cartTotal", js.FuncOf(func(this js.Value, args []js.Value) any {
		return c.total()
	}))
	js.Global().Set("cartReport", js.FuncOf(func(this js.Value, args []js.Value) any {
		total, lines := args[0].Float(), args[1].Int()
		fmt.Printf("page saw %d lines, total %.2f\n", lines, total)
		if lines == 2 && total == 17.5 {
			fmt.Println("RESULT OK")
		} else {
			fmt.Println("RESULT WRONG")
		}
		return nil
	}))

	page := js.Global().Get("Function").New(`
		cartAdd("book", 12.5);
		cartAdd("pen", 2);
		const n = cartAdd("pen", 3);
		cartReport(cartTotal(), n);
	`)
	js.Global().Call("setTimeout", page, 0)

	select {}
}
