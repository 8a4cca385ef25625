package main

import (
	"syscall/js"

	"example.com/fetcher"
)

func main() {
	js.Global().Set("status", js.FuncOf(func(this js.Value, args []js.Value) any {
		return fetcher.Status(args[0].String()) // want "WV201"
	}))
	js.Global().Set("prefetch", js.FuncOf(func(this js.Value, args []js.Value) any {
		fetcher.Prefetch(args[0].String())
		return nil
	}))
	js.Global().Set("later", js.FuncOf(func(this js.Value, args []js.Value) any {
		go func() {
			fetcher.Status(args[0].String())
		}()
		return nil
	}))
	select {} // want "WV205"
}
