// Package pool runs jobs in the background and decodes input with panics for errors.
package pool

import "errors"

// Submit runs a job in a goroutine of its own.
func Submit(job func()) {
	spawn(job)
}

func spawn(job func()) {
	go job()
}

// Later returns a function that would start the job: nothing starts until it is called.
func Later(job func()) func() {
	return func() { go job() }
}

// Decode turns a panic in the decoder into an error.
func Decode(data []byte) (n int, err error) {
	defer handle(&err)
	return decode(data), nil
}

func decode(data []byte) int {
	if len(data) == 0 {
		panic("empty input")
	}
	return len(data)
}

func handle(err *error) {
	if r := recover(); r != nil {
		*err = errors.New("decode failed")
	}
}

// Guard hands a function that recovers to its caller without calling it.
func Guard() func() {
	return func() { recover() }
}

// Serve keeps the module alive for its callbacks.
func Serve() {
	select {}
}
