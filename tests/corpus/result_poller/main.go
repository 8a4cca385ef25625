// result_poller: submit thumbnail jobs to background workers and keep a terminal
// spinner animated while polling for finished results without blocking.
package main

import (
	"fmt"
	"image"
	"image/color"
	"sync"
)

type thumb struct {
	id     int
	w, h   int
	bright uint8
}

func render(id int) thumb {
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.SetGray(x, y, color.Gray{uint8((x*y + id) % 256)})
		}
	}
	small := image.NewGray(image.Rect(0, 0, 16, 16))
	var total int
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			v := img.GrayAt(x*4, y*4)
			small.SetGray(x, y, v)
			total += int(v.Y)
		}
	}
	return thumb{id, 16, 16, uint8(total / 256)}
}

var spinner = []rune(`|/-\`)

func main() {
	const n = 12
	results := make(chan thumb, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			results <- render(id)
		}(i)
	}

	got := map[int]thumb{}
	frame := 0
	for len(got) < n {
		select {
		case t := <-results:
			got[t.id] = t
			fmt.Printf("\rthumbnail %2d ready (%dx%d)\n", t.id, t.w, t.h)
		default:
			frame++
			if frame%1_000_000 == 0 {
				fmt.Printf("\r%c working...", spinner[(frame/1_000_000)%4])
			}
		}
	}
	wg.Wait()
	if len(got) == n {
		fmt.Println("RESULT OK")
	}
}
