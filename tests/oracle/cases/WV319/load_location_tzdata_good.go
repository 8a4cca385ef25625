// The same lookup with time/tzdata embedded: the zone loads on every host.
//
// oracle go-wasip1@scratch: ok
// oracle go-wasip1@scratch: output "08:00 EDT"
// oracle go-wasip1@bare: ok
// oracle go-js@browser: output "08:00 EDT"
// oracle go-js: ok
// oracle native: ok
package main

import (
	"fmt"
	"os"
	"time"
	_ "time/tzdata"
)

func main() {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println("load:", err)
		os.Exit(1)
	}
	fmt.Println(time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC).In(loc).Format("15:04 MST"))
}
