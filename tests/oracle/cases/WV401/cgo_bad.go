// Calling a C function through cgo. cgo is not available for wasm, so the file
// (the package's only one) is excluded from the build.
//
// oracle go-js: compile-error "build constraints exclude all Go files"
// oracle go-wasip1: compile-error "build constraints exclude all Go files"
package main

// static int answer(void) { return 42; }
import "C" // want "WV401"

import "fmt"

func main() {
	fmt.Println("answer:", C.answer())
}
