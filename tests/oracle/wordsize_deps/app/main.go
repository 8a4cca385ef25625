// A program whose dependency's dependency holds a constant that overflows a 32-bit int in a
// function nobody calls: the build fails wherever int is 32 bits (TinyGo; GOARCH=386 here).
package main

import (
	"fmt"

	"example.com/sizes" // want "WV503"
)

func main() {
	fmt.Println(sizes.Fits(1 << 20))
}
