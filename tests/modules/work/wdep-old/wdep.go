package wdep

func Name() string { return "wdep-old" }
