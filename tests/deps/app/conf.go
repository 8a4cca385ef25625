package main

import (
	"example.com/conf.v2"
	"example.com/settings"
)

func home() string {
	return conf.Home() // want "WV307"
}

func configDir() string {
	return settings.Dir() // want "WV307"
}
