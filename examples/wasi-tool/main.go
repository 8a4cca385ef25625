// A command-line tool that shells out to git and reads the user's home directory:
// fine natively, fails on every wasm target.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
)

func main() {
	out, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "git:", err)
		os.Exit(1)
	}
	u, err := user.Current()
	if err != nil {
		fmt.Fprintln(os.Stderr, "user:", err)
		os.Exit(1)
	}
	fmt.Printf("%s built %s", u.Username, out)
}
