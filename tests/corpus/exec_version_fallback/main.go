// exec_version_fallback: a build tool stamps its output with `git describe` when git is
// available, and with "dev" otherwise.
package main

import (
	"fmt"
	"os/exec"
	"strings"
)

func gitDescribe() (string, error) {
	out, err := exec.Command("git", "describe", "--tags", "--always").Output()
	if err != nil {
		return "", fmt.Errorf("git describe: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func version() string {
	if v, err := gitDescribe(); err == nil && v != "" {
		return v
	}
	return "dev"
}

func main() {
	v := version()
	fmt.Println("version:", v)
	if v != "" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
