// fixture-tinygo: 0.34
// (net/http/httptrace is not in TinyGo's std up to 0.34)

package main

import (
	"example.com/clock"
	"example.com/nativeonly"
	"example.com/rpcclient" // want "WV501"
	"example.com/sizes"     // want "WV503"
	"example.com/wide"
)

func main() {
	start := clock.Start()
	_ = rpcclient.Call()
	_ = nativeonly.Hello()
	_ = sizes.Fits(wide.Limit())
	println(clock.Elapsed(start)) // want "WV504"
}
