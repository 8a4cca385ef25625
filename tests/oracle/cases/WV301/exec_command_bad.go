// Running an external program. Neither js/wasm nor wasip1 can create processes,
// and there is no $PATH to search, so exec.Command fails at lookup time.
//
// oracle go-js: output "exec: \"ls\": executable file not found in $PATH"
// oracle go-wasip1: output "exec: \"ls\": executable file not found in $PATH"
// oracle native: ok
package main

import (
	"fmt"
	"os/exec"
)

func main() {
	out, err := exec.Command("ls").Output() // want "WV301"
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d bytes of listing\n", len(out))
}
