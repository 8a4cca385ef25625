package util

func Name() string { return "util" }
