// Checking that a file belongs to the current user, as config loaders do before
// trusting a file. On wasip1 Stat_t.Uid is always 0 while os.Getuid() is 1, so the
// file the program just created looks foreign.
//
// oracle-preopen
// oracle go-wasip1: output "mine: false"
// oracle native: output "mine: true"
package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
)

func main() {
	path := "config.json" // the working directory natively
	if runtime.GOOS == "wasip1" {
		path = "/config.json" // the preopened directory
	}
	if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
		fmt.Println(err)
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	st := fi.Sys().(*syscall.Stat_t)
	fmt.Println("mine:", int(st.Uid) == os.Getuid()) // want "WV314"
}
