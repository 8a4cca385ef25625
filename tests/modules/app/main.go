package main

import (
	"fmt"

	"example.com/app/internal/util"
	"example.com/localdep"
	"example.com/missing/thing"
	"example.com/nested"
	"example.com/rc"
	"example.com/swapped"
	"github.com/Upper/Case/sub"
)

func main() {
	fmt.Println(util.Name(), localdep.Name(), thing.Name(), nested.Name(), rc.Name(), swapped.Name(), sub.Name())
}
