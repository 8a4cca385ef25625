// audit_log_user_fallback: the audit stamper falls back to $USER and then to
// "unknown" when the user database cannot be read (containers, sandboxes).
package main

import (
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"
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
	entry := fmt.Sprintf("%s user=%s action=deploy target=staging",
		time.Unix(1700000000, 0).UTC().Format(time.RFC3339), name)
	fmt.Println(entry)
	if strings.Contains(entry, "user="+name) && name != "" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
