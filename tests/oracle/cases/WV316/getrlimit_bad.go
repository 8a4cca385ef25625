// Reading the open-file limit before sizing a pool. syscall.Getrlimit exists on
// wasip1 (it does not on js/wasm: WV310) but is a stub that returns ENOSYS on
// every path ($GOROOT/src/syscall/syscall_wasip1.go), so the program always takes
// its error branch.
//
// oracle go-wasip1: output "getrlimit: Not implemented on wasip1"
package main

import (
	"fmt"
	"syscall"
)

func main() {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil { // want "WV316"
		fmt.Println("getrlimit:", err)
		return
	}
	fmt.Println("open files:", lim.Cur)
}
