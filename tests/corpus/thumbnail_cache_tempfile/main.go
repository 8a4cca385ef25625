// thumbnail_cache_tempfile: a tool renders a small thumbnail into a temporary file, then
// reads it back to check its size before publishing it.
package main

import (
	"bytes"
	"fmt"
	"os"
)

func render(w, h int) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "P5 %d %d 255\n", w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			buf.WriteByte(byte((x*y + x + y) % 256))
		}
	}
	return buf.Bytes()
}

func main() {
	img := render(32, 24)
	f, err := os.CreateTemp("", "thumb-*.pgm")
	if err != nil {
		fmt.Fprintln(os.Stderr, "thumbnail:", err)
		os.Exit(1)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(img); err != nil {
		fmt.Fprintln(os.Stderr, "thumbnail:", err)
		os.Exit(1)
	}
	f.Close()
	back, err := os.ReadFile(f.Name())
	if err != nil || !bytes.Equal(back, img) {
		fmt.Println("RESULT WRONG: thumbnail not written back", err)
		return
	}
	fmt.Println("thumbnail bytes:", len(back))
	fmt.Println("RESULT OK")
}
