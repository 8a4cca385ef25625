//go:build !tinygo

package nativeonly

import "example.com/h2"

func greeting() string {
	if h2.Do() != nil {
		return "offline"
	}
	return "hello"
}
