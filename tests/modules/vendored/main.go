package main

import (
	"example.com/vdep"
	"example.com/vendored/own"
)

func main() { println(vdep.Name(), own.Name()) }
