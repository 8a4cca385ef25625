package swapped

func Name() string { return "swapped v1.0.0: the replace was ignored" }
