package vdep

func Name() string { return "vdep" }
