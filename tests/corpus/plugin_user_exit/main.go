// plugin_user_exit: a WASI plugin tags its log lines with the current user and refuses
// to start when it cannot tell who that is.
package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	u, err := user.Current()
	if err != nil {
		fmt.Fprintln(os.Stderr, "plugin: cannot tell the current user:", err)
		os.Exit(1)
	}
	fmt.Printf("[%s] plugin started\n", u.Username)
	if u.Username != "" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
