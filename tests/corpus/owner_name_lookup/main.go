// owner_name_lookup: a backup tool records which account owns the archive by looking up
// the superuser's entry, as it does on servers.
package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	root, err := user.Lookup("root")
	if err != nil {
		fmt.Fprintln(os.Stderr, "backup:", err)
		os.Exit(1)
	}
	fmt.Printf("archive owner: %s (uid %s)\n", root.Username, root.Uid)
	if root.Uid == "0" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
