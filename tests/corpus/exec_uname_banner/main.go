// exec_uname_banner: print a startup banner with build and host information, the
// way many CLI tools do in --version output.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

type banner struct {
	tool, version string
	goVersion     string
	platform      string
	kernel        string
}

func kernelInfo() (string, error) {
	var out bytes.Buffer
	cmd := exec.Command("uname", "-sr")
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("uname: %w", err)
	}
	return strings.TrimSpace(out.String()), nil
}

func (b banner) String() string {
	return fmt.Sprintf("%s %s (%s, %s)\nkernel: %s", b.tool, b.version, b.goVersion, b.platform, b.kernel)
}

func main() {
	log.SetFlags(0)
	kernel, err := kernelInfo()
	if err != nil {
		log.Fatalf("cannot build banner: %v", err)
	}
	b := banner{
		tool:      "deployctl",
		version:   "v1.8.2",
		goVersion: runtime.Version(),
		platform:  runtime.GOOS + "/" + runtime.GOARCH,
		kernel:    kernel,
	}
	fmt.Println(b)
	if b.kernel != "" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
