package main

import "example.com/dynamic"

func main() {
	dynamic.Direct() // want "WV301"
	dynamic.ViaInterface(dynamic.Tool{})
	dynamic.ViaValue(dynamic.Tool{}.Run)
	dynamic.ViaTable("run")
	hooks := &dynamic.Hooks{OnStart: dynamic.Tool{}.Run}
	hooks.Start()
	dynamic.ViaMethodValue(dynamic.Tool{})
	dynamic.ViaClosure()
	dynamic.Make()
	runner := dynamic.Pick()
	runner.Run()
	dynamic.Background() // want "WV301"
	dynamic.Now()        // want "WV301"
}
