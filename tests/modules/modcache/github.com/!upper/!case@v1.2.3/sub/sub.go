package sub

func Name() string { return "sub" }
