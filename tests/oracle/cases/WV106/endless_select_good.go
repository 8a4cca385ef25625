// The same program blocking with select {} instead: main parks, the goroutine runs,
// prints and exits the program.
//
// oracle go-js: ok
// oracle go-js: output "work done"
// oracle go-wasip1: ok
// oracle go-wasip1: output "work done"
package main

import (
	"fmt"
	"os"
)

func work() {
	fmt.Println("work done")
	os.Exit(0)
}

func main() {
	go work()
	select {}
}
