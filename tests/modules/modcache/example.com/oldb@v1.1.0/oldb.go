package oldb

func Name() string { return "oldb v1.1.0" }
