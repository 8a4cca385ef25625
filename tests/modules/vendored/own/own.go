package own

func Name() string { return "own" }
