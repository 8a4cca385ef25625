// Package format prints lines.
package format

import "fmt"

// Line prints one line on standard output.
func Line(text string) {
	fmt.Println(text)
}
