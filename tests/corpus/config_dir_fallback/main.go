// config_dir_fallback: a command-line tool looks for its settings under the user's home
// directory and, when there is no home (a sandbox, a service account), uses the current
// directory instead.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func configPath() string {
	dir, err := os.UserHomeDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, ".toolrc")
}

func main() {
	path := configPath()
	fmt.Println("config file:", path)
	if strings.HasSuffix(path, ".toolrc") {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
