// Calling into the JavaScript host (js/wasm prints "Math.max: 7"). The file has
// no build constraint, so a wasip1 build includes it too, and syscall/js exists
// only for GOOS=js.
//
// oracle go-js: ok
// oracle go-wasip1: compile-error "imports syscall/js: build constraints exclude all Go files"
package main

import (
	"fmt"
	"syscall/js" // want "WV312"
)

func main() {
	fmt.Println("Math.max:", js.Global().Get("Math").Call("max", 3, 7).Int())
}
