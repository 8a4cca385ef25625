// http_localhost_selftest: a small JSON status service. On start-up it binds to
// localhost on a free port and runs a smoke test against itself before serving.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

type status struct {
	Service string `json:"service"`
	Uptime  string `json:"uptime"`
	OK      bool   `json:"ok"`
}

func main() {
	started := time.Now()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(status{"billing", time.Since(started).Round(time.Millisecond).String(), true})
	})

	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen:", err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 2 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	url := "http://" + ln.Addr().String() + "/status"
	client := &http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, "smoke test:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var st status
	if err := json.Unmarshal(body, &st); err != nil {
		fmt.Fprintln(os.Stderr, "bad json:", err)
		os.Exit(1)
	}
	fmt.Printf("GET %s -> %d %s", url, resp.StatusCode, body)
	if resp.StatusCode == 200 && st.OK && st.Service == "billing" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
