// The WV503 examples fixed as the rule suggests: the values are int64/uint64.
package main

import "fmt"

const maxSize = 1 << 40

func main() {
	x := int64(5000000000)
	var y int64 = maxSize
	z := int64(3e9)
	var u uint64 = 1 << 32
	fmt.Println(x, y, z, u)
}
