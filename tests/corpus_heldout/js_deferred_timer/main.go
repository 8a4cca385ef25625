//go:build js && wasm

// js_deferred_timer: a helper that schedules Go work on the JS event loop after a delay
// (setTimeout with a Go callback), used to run three reminders in order; main waits for all of
// them and checks their order.
package main

import (
	"fmt"
	"strings"
	"syscall/js"
)

// after runs fn once, delayMs milliseconds from now, on the JS event loop.
func after(delayMs int, fn func()) {
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		fn()
		return nil
	})
	defer cb.Release()
	js.Global().Call("setTimeout", cb, delayMs)
}

func main() {
	fired := make(chan string, 3)
	after(30, func() { fired <- "stand up" })
	after(10, func() { fired <- "drink water" })
	after(20, func() { fired <- "stretch" })

	var order []string
	for i := 0; i < 3; i++ {
		order = append(order, <-fired)
	}

	got := strings.Join(order, ", ")
	fmt.Println("reminders:", got)
	if got == "drink water, stretch, stand up" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
