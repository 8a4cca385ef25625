package rc

func Name() string { return "rc" }
