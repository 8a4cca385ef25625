// whoami_env_fallback: a log line names the user running the job: the user database when
// there is one, else $USER, else "unknown".
package main

import (
	"fmt"
	"os"
	"os/user"
)

func whoami() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if name := os.Getenv("USER"); name != "" {
		return name
	}
	return "unknown"
}

func main() {
	name := whoami()
	fmt.Printf("job started by %s\n", name)
	if name != "" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
