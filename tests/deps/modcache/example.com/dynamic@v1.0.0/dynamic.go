// Package dynamic calls code it only knows at run time: through interfaces, function values,
// tables and fields. Which function runs is not written at the call, so no claim is made.
package dynamic

import "os/exec"

// Runner is anything that runs.
type Runner interface{ Run() error }

// Tool runs a process.
type Tool struct{}

// Run starts git.
func (Tool) Run() error { return exec.Command("git").Run() }

// Direct starts git itself: a static call, followed.
func Direct() error { return Tool{}.Run() }

// ViaInterface calls whatever Runner it is given.
func ViaInterface(r Runner) error { return r.Run() }

// ViaValue calls a function value.
func ViaValue(f func() error) error { return f() }

var table = map[string]func() error{"run": Tool{}.Run}

// ViaTable looks the function up at run time.
func ViaTable(name string) error { return table[name]() }

// Hooks holds callbacks.
type Hooks struct{ OnStart func() error }

// Start calls the hook stored in a field.
func (h *Hooks) Start() error { return h.OnStart() }

// ViaMethodValue calls a method value held in a local.
func ViaMethodValue(r Runner) error {
	run := r.Run
	return run()
}

// ViaClosure calls a function literal it was handed back.
func ViaClosure() error { return Make()() }

// Make returns a function that would start git when someone calls it.
func Make() func() error { return func() error { return exec.Command("git").Run() } }

// Pick returns a Runner: its dynamic type is Tool, but callers only see the interface.
func Pick() Runner { return Tool{} }

// Background starts git in a goroutine: the literal runs, in another goroutine.
func Background() {
	go func() { _ = exec.Command("git").Run() }()
}

// Now starts git in a function literal it calls at once.
func Now() error {
	return func() error { return exec.Command("git").Run() }()
}
