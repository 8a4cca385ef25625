// main parks itself with select {}, but a goroutine sleeps in an endless loop: a timer is
// always pending, so Node.js keeps running and the callbacks stay callable; the goroutine
// ends the program once JavaScript has called in three times.
//
// oracle go-js: ok
// oracle go-js: output "called 3 times"
package main

import (
	"fmt"
	"os"
	"syscall/js"
	"time"
)

func main() {
	calls := 0
	js.Global().Set("ping", js.FuncOf(func(this js.Value, args []js.Value) any {
		calls++
		return nil
	}))
	js.Global().Call("eval", "setTimeout(() => { ping(); ping(); ping(); }, 20)")
	go func() {
		for {
			time.Sleep(10 * time.Millisecond)
			if calls == 3 {
				fmt.Println("called 3 times")
				os.Exit(0)
			}
		}
	}()
	select {}
}
