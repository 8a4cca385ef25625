// Loading handlers from a Go plugin at run time. wasm has no dynamic loader: the
// plugin package is a stub and Open always fails. (Natively plugins need cgo,
// which the oracle disables, so there is no native line.)
//
// oracle go-js: output "plugin: not implemented"
// oracle go-wasip1: output "plugin: not implemented"
package main

import (
	"fmt"
	"plugin"
)

func main() {
	p, err := plugin.Open("handlers.so") // want "WV402"
	if err != nil {
		fmt.Println("open:", err)
		return
	}
	fmt.Println("loaded", p)
}
