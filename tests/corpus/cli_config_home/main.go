// cli_config_home: a WASI command-line tool keeps its settings under the user's home
// directory and creates a default file on first run.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	home, err := os.UserHomeDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "config:", err)
		os.Exit(1)
	}
	path := filepath.Join(home, ".wasmtoolrc")
	fmt.Println("config file:", path)
	if filepath.IsAbs(path) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
