//go:build js && wasm

// js_audio_samples: receives a block of audio samples from JS (as the Web Audio API hands
// them over: a Float32Array), copies them into Go, computes the block's RMS level and peak,
// and checks them against the generated sine wave.
package main

import (
	"encoding/binary"
	"fmt"
	"math"
	"syscall/js"
)

// samplesFromJS copies a JS Float32Array into a Go slice.
func samplesFromJS(arr js.Value) []float32 {
	n := arr.Get("length").Int()
	raw := make([]byte, 4*n)
	js.CopyBytesToGo(raw, arr)
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return out
}

func main() {
	// One block of a 441 Hz sine at amplitude 0.5, 44.1 kHz.
	gen := js.Global().Get("Function").New("n", `
		const a = new Float32Array(n);
		for (let i = 0; i < n; i++) a[i] = 0.5 * Math.sin(2 * Math.PI * 441 * i / 44100);
		return a;`)
	block := gen.Invoke(1000)

	samples := samplesFromJS(block)
	var sumSq, peak float64
	for _, s := range samples {
		v := float64(s)
		sumSq += v * v
		peak = math.Max(peak, math.Abs(v))
	}
	rms := math.Sqrt(sumSq / float64(len(samples)))

	fmt.Printf("%d samples, rms %.4f, peak %.4f\n", len(samples), rms, peak)
	if math.Abs(rms-0.5/math.Sqrt2) < 1e-3 && math.Abs(peak-0.5) < 1e-3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
