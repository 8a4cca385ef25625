package main

import "example.com/local"

func main() {
	local.Serve() // want "WV305"
}
