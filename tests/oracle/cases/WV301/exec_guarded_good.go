// The external program is only run where processes exist; on the wasm ports a
// pure-Go fallback reads the directory instead.
//
// oracle go-js: ok
// oracle go-wasip1: ok
// oracle native: ok
// oracle-preopen
package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

func listRoot() ([]string, error) {
	if runtime.GOOS != "js" && runtime.GOOS != "wasip1" {
		out, err := exec.Command("ls", "/").Output()
		if err != nil {
			return nil, err
		}
		return strings.Fields(string(out)), nil
	} else {
		entries, err := os.ReadDir("/")
		if err != nil {
			return nil, err
		}
		names := make([]string, 0, len(entries))
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names, nil
	}
}

func main() {
	names, err := listRoot()
	if err != nil {
		fmt.Println("listing failed:", err)
		os.Exit(1)
	}
	fmt.Println(len(names), "entries in /")
}
