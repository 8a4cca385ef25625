// Looking up an account by name or id on js/wasm: os/user's pure-Go code reads
// /etc/passwd. Under Node.js that is the host's file; a browser's stub fs has no files and
// answers "not implemented on js".
//
// oracle go-js: ok
// oracle go-js: output "uid 0"
// oracle go-js@browser: output "open /etc/passwd: not implemented on js"
package main

import (
	"fmt"
	"os/user"
)

func main() {
	u, err := user.Lookup("root") // want "WV307"
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("uid", u.Uid)
}
