package main

import (
	"example.com/Upper/hazard"
	"example.com/deep"
	"example.com/local"
	"example.com/missing"
	"example.com/old"
)

func main() {
	hazard.Build() // want "WV301"
	hazard.Quiet()
	hazard.Spawn()
	hazard.Guarded()
	deep.Start() // want "WV301"
	local.Serve() // want "WV305"
	old.Dial() // want "WV304"
	missing.Thing()
	hazard.Build() //wasmvet:ignore WV301 only runs natively
	t := &hazard.Tool{}
	t.Start() // want "WV301"
}

func forever() {
	hazard.Wait()
	hazard.Build()
}

func spins() {
	hazard.Loop()
	local.Serve()
}

func onJS() {
	hazard.BlockOnJS()
	local.Serve() // want "WV305"
}

func constructed() error {
	tool, err := hazard.NewTool("git")
	if err != nil {
		return err
	}
	err.Error()
	hazard.Pipeline() // want "WV301"
	return tool.Start() // want "WV301"
}
