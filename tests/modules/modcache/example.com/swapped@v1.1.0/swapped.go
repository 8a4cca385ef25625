package swapped

func Name() string { return "swapped v1.1.0" }
