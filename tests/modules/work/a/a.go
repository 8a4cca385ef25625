package main

import (
	"example.com/b/pkg"
	"example.com/wdep"
)

func main() { println(pkg.Name(), wdep.Name()) }
