// The WV503 examples: constants that do not fit a 32-bit int. They build for GOARCH=wasm
// (64-bit int) and fail on every port with a 32-bit int (TinyGo's wasm targets, GOARCH=386).
package main

import "fmt"

const maxSize = 1 << 40

func main() {
	x := 5000000000
	var y int = maxSize
	z := int(3e9)
	var u uint = 1 << 32
	fmt.Println(x, y, z, u)
}
