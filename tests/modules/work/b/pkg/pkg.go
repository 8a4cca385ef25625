package pkg

func Name() string { return "b/pkg" }
