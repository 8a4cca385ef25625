package main

import "example.com/swapped"

func main() { println(swapped.Name()) }
