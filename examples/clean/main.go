// Code that is fine on wasm: a worker that hands results back over a channel.
package main

import "fmt"

func main() {
	results := make(chan int)
	go func() {
		defer close(results)
		for i := range 10 {
			results <- i * i
		}
	}()
	for r := range results {
		fmt.Println(r)
	}
}
