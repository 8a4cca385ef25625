package olda

func Name() string { return "olda" }
