package main

import "example.com/conf.v2"

func home() string {
	return conf.Home() // want "WV307"
}
