package oldc

func Name() string { return "oldc" }
