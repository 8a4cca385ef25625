// A command whose dependency (a replacement directory) starts a process: on go-wasip1
// exec.LookPath always fails, so the finding is reported here, at the call into the
// dependency, with the trace dep.Build -> dep.run.
package main

import (
	"fmt"

	"example.com/dep"
)

func main() {
	fmt.Println(dep.Build("make")) // want "WV301"
	fmt.Println(dep.Version())
}
