// wasi_mandelbrot_progress: render a Mandelbrot set as ASCII art row by row while a
// reporter goroutine prints progress every few milliseconds; the renderer yields
// between rows so the reporter gets to run. The image's checksum is verified.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
)

func row(y, w, h, maxIter int) string {
	var b strings.Builder
	for x := 0; x < w; x++ {
		cr := -2.2 + 3.2*float64(x)/float64(w)
		ci := -1.2 + 2.4*float64(y)/float64(h)
		zr, zi := 0.0, 0.0
		i := 0
		for ; i < maxIter && zr*zr+zi*zi <= 4; i++ {
			zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
		}
		b.WriteByte(" .:-=+*#%@"[i*9/maxIter])
	}
	return b.String()
}

func main() {
	const w, h, maxIter = 120, 60, 3000
	var done atomic.Int64
	reports := make(chan int, 1024)
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				reports <- int(done.Load() * 100 / h)
			case <-stop:
				close(reports)
				return
			}
		}
	}()

	rows := make([]string, h)
	start := time.Now()
	for y := 0; y < h; y++ {
		rows[y] = row(y, w, h, maxIter)
		done.Add(1)
		runtime.Gosched()
	}
	close(stop)
	n := 0
	for range reports {
		n++
	}
	sum := 0
	for _, r := range rows {
		sum += strings.Count(r, "@")
	}
	fmt.Println(rows[h/2])
	fmt.Printf("rendered in %v, %d progress reports, %d points in the set\n", time.Since(start).Round(time.Millisecond), n, sum)
	if sum > 500 && n > 0 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
