// Package settings reads its defaults through package conf (example.com/conf.v2).
package settings

import "example.com/conf.v2"

// Dir is where settings live.
func Dir() string {
	return conf.Home() + "/.config"
}
