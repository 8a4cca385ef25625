//go:build !js

package localdep

func notJS() {}
