// Talking to the JavaScript host.
package main

import (
	"fmt"
	"syscall/js" // want "WV312"
)

func init() {
	js.Global().Set("greeting", "host says hello")
	fmt.Println(js.Global().Get("greeting").String())
}
