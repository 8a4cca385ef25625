// Reading a host file by absolute path. A WASI guest sees only the directories
// its host preopens (none here), so the read fails with EBADF, an error that
// os.IsNotExist does not recognise.
//
// oracle go-wasip1: output "open /etc/hostname: Bad file number"
// oracle go-wasip1: output "IsNotExist false"
package main

import (
	"fmt"
	"os"
)

func main() {
	data, err := os.ReadFile("/etc/hostname") // want "WV309"
	if err != nil {
		fmt.Println(err)
		fmt.Println("IsNotExist", os.IsNotExist(err))
		return
	}
	fmt.Printf("hostname: %s", data)
}
