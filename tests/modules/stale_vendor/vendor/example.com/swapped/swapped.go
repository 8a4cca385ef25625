package swapped

func Name() string { return "vendored v1.0.0: stale" }
