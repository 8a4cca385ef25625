//go:build js && wasm

// js_config_reload: a long-running Node-hosted worker that reloads its JSON config
// whenever the host process emits "reload" (like SIGHUP handling in a daemon).
package main

import (
	"encoding/json"
	"os"
	"sync"
	"syscall/js"
)

type Config struct {
	LogLevel string `json:"log_level"`
	Workers  int    `json:"workers"`
}

type app struct {
	mu      sync.Mutex
	cfg     Config
	reloads int
}

func (a *app) load(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return err
	}
	a.mu.Lock()
	a.cfg = c
	a.reloads++
	a.mu.Unlock()
	return nil
}

func main() {
	const path = "worker.json"
	console := js.Global().Get("console")
	if err := os.WriteFile(path, []byte(`{"log_level":"info","workers":2}`), 0o644); err != nil {
		panic(err)
	}
	a := &app{}
	if err := a.load(path); err != nil {
		panic(err)
	}

	host := js.Global().Call("require", "events").New()
	reloaded := make(chan error)
	onReload := js.FuncOf(func(this js.Value, args []js.Value) any {
		err := a.load(path)
		go func() { reloaded <- err }()
		return nil
	})
	host.Call("on", "reload", onReload)

	// An operator edits the file and asks for a reload.
	if err := os.WriteFile(path, []byte(`{"log_level":"debug","workers":8}`), 0o644); err != nil {
		panic(err)
	}
	js.Global().Call("setTimeout", js.Global().Get("Function").New("h", `h.emit("reload")`), 5, host)

	if err := <-reloaded; err != nil {
		console.Call("log", "reload failed:", err.Error())
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	console.Call("log", "config:", a.cfg.LogLevel, a.cfg.Workers, "reloads:", a.reloads)
	if a.cfg.LogLevel == "debug" && a.cfg.Workers == 8 && a.reloads == 2 {
		console.Call("log", "RESULT OK")
	} else {
		console.Call("log", "RESULT WRONG")
	}
}
