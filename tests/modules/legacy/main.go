package main

import (
	"example.com/olda"
	"example.com/oldb"
	"example.com/oldc"
)

func main() { println(olda.Name(), oldb.Name(), oldc.Name()) }
