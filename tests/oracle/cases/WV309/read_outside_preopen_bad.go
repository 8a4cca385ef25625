// Reading a host file by absolute path. A WASI guest sees only the directories
// its host preopens (none here), so the read fails with EBADF, an error that
// os.IsNotExist does not recognise. Go's go_wasip1_wasm_exec preopens / and the read works.
//
// oracle go-wasip1: output "open /etc/passwd: Bad file number"
// oracle go-wasip1: output "IsNotExist false"
// oracle go-wasip1@bare: output "open /etc/passwd: Bad file number"
// oracle go-wasip1@go-script: ok
// oracle go-wasip1@go-script: output "read /etc/passwd"
package main

import (
	"fmt"
	"os"
)

func main() {
	data, err := os.ReadFile("/etc/passwd") // want "WV309"
	if err != nil {
		fmt.Println(err)
		fmt.Println("IsNotExist", os.IsNotExist(err))
		return
	}
	fmt.Println("read /etc/passwd:", len(data) > 0)
}
