// render_progress: renders a 600x400 Mandelbrot image row by row while a ticker-driven reporter
// logs how many rows are done every 5 ms; at the end it checks the image checksum and that
// the user saw intermediate progress during the render.
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

func escape(cx, cy float64, limit int) int {
	x, y := 0.0, 0.0
	for i := 0; i < limit; i++ {
		x, y = x*x-y*y+cx, 2*x*y+cy
		if x*x+y*y > 4 {
			return i
		}
	}
	return limit
}

func main() {
	const w, h, limit = 600, 400, 200
	var rows atomic.Int64
	reports := make(chan int64, 1000)
	stop := make(chan struct{})
	reporterDone := make(chan struct{})

	go func() {
		defer close(reporterDone)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if r := rows.Load(); r > 0 && r < h {
					reports <- r
				}
			case <-stop:
				return
			}
		}
	}()

	sum := 0
	for py := 0; py < h; py++ {
		for px := 0; px < w; px++ {
			sum += escape(-2.2+3.2*float64(px)/w, -1.2+2.4*float64(py)/h, limit)
		}
		rows.Add(1)
	}
	close(stop)
	<-reporterDone
	close(reports)

	seen := 0
	for r := range reports {
		seen++
		if seen <= 3 {
			fmt.Printf("progress: %d/%d rows\n", r, h)
		}
	}
	fmt.Printf("checksum %d, %d progress reports\n", sum, seen)
	if sum > 0 && seen >= 2 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
