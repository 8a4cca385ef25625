// version_stamp: builds the "about" string of a tool: name, semantic version and the build
// host's kernel name, asked from the system with uname (falling back to runtime.GOOS when
// the output is empty), and checks the string's format.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
)

const version = "1.4.2"

func kernelName() (string, error) {
	out, err := exec.Command("uname", "-s").Output()
	if err != nil {
		return "", fmt.Errorf("uname: %w", err)
	}
	name := strings.TrimSpace(string(out))
	if name == "" {
		name = runtime.GOOS
	}
	return strings.ToLower(name), nil
}

func main() {
	kernel, err := kernelName()
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	about := fmt.Sprintf("imgtool v%s (%s/%s)", version, kernel, runtime.GOARCH)
	fmt.Println(about)

	if regexp.MustCompile(`^imgtool v\d+\.\d+\.\d+ \([a-z0-9]+/[a-z0-9]+\)$`).MatchString(about) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
