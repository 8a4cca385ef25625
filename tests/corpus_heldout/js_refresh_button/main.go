//go:build js && wasm

// js_refresh_button: a small dashboard. An in-process JSON API (net/http server on a local
// listener) serves a counter; a "refresh" button handler, fired here by setTimeout, fetches the
// counter with net/http and stores it for display. Three refreshes are checked.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"syscall/js"
)

type stats struct {
	Visits int64 `json:"visits"`
}

func main() {
	var visits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/api/stats", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(stats{Visits: visits.Add(1)})
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	go http.Serve(ln, mux)
	url := "http://" + ln.Addr().String() + "/api/stats"

	shown := make(chan int64, 3)
	refresh := js.FuncOf(func(this js.Value, args []js.Value) any {
		resp, err := http.Get(url)
		if err != nil {
			fmt.Println("refresh failed:", err)
			shown <- -1
			return nil
		}
		defer resp.Body.Close()
		var s stats
		if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
			shown <- -1
			return nil
		}
		shown <- s.Visits
		return nil
	})
	defer refresh.Release()

	var got []int64
	for i := 0; i < 3; i++ {
		js.Global().Call("setTimeout", refresh, 5)
		got = append(got, <-shown)
	}

	fmt.Println("displayed:", got)
	if len(got) == 3 && got[0] == 1 && got[1] == 2 && got[2] == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
