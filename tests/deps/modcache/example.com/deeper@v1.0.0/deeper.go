// Package deeper starts a process.
package deeper

import "os"

// Launch starts the worker process.
func Launch() {
	spawn()
}

func spawn() {
	os.StartProcess("/bin/worker", nil, &os.ProcAttr{})
}
