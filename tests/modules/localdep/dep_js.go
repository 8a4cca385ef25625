package localdep

func jsOnly() {}
