// Loading a named time zone without time/tzdata. Go's wasip1 port searches no system
// zoneinfo directory: with an empty directory as / the zone is unknown, with nothing
// preopened the GOROOT lookup fails with EBADF; with / preopened (go_wasip1_wasm_exec) the
// zoneinfo.zip of the GOROOT the binary was built with is found. js/wasm reads
// /usr/share/zoneinfo: under Node.js the host's, in a browser the stub fs answers ENOSYS.
//
// oracle go-wasip1@scratch: output "load: unknown time zone America/New_York"
// oracle go-wasip1@bare: exit 1
// oracle go-wasip1@go-script: ok
// oracle go-wasip1@go-script: output "08:00 EDT"
// oracle go-js: ok
// oracle go-js: output "08:00 EDT"
// oracle go-js@browser: output "load: not implemented on js"
// oracle native: ok
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	loc, err := time.LoadLocation("America/New_York") // want "WV319"
	if err != nil {
		fmt.Println("load:", err)
		os.Exit(1)
	}
	fmt.Println(time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC).In(loc).Format("15:04 MST"))
}
