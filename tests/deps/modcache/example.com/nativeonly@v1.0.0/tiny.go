//go:build tinygo

package nativeonly

func greeting() string { return "hello" }
