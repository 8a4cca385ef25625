package main

import "example.com/vdep"

func main() {
	println(vdep.Who()) // want "WV307"
}
