// Package nested is a module of its own inside app/: not part of app/... .
package nested

func Name() string { return "nested" }
