// audit_log_whoami: a CLI tool stamps each audit entry with the invoking user's name,
// looked up once at start.
package main

import (
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"
)

func main() {
	u, err := user.Current()
	if err != nil {
		fmt.Fprintln(os.Stderr, "audit: cannot determine user:", err)
		os.Exit(1)
	}
	entry := fmt.Sprintf("%s user=%s action=deploy target=staging",
		time.Unix(1700000000, 0).UTC().Format(time.RFC3339), u.Username)
	fmt.Println(entry)
	if strings.Contains(entry, "user="+u.Username) && u.Username != "" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
