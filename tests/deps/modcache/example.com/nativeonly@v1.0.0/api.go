// Package nativeonly uses h2 only outside TinyGo builds.
package nativeonly

// Hello greets.
func Hello() string {
	return greeting()
}
