// wasi_http_status_probe: an embedded status endpoint plus the probe that a supervisor
// would run against it: the server exposes /healthz and /version on a loopback port,
// and the probe checks both with a client timeout, then shuts the server down.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	})
	mux.HandleFunc("/version", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"version": "2.3.1", "commit": "abc123"})
	})
	return mux
}

func probe(client *http.Client, base string) (string, string, error) {
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		return "", "", err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp, err = client.Get(base + "/version")
	if err != nil {
		return "", "", err
	}
	defer resp.Body.Close()
	var v map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return "", "", err
	}
	return string(body), v["version"], nil
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: newMux(), ReadHeaderTimeout: time.Second}
	go srv.Serve(ln)

	client := &http.Client{Timeout: 2 * time.Second}
	health, version, err := probe(client, "http://"+ln.Addr().String())

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	srv.Shutdown(ctx)

	if err != nil {
		fmt.Println("probe:", err)
		os.Exit(1)
	}
	fmt.Println("health:", health, "version:", version)
	if health == "ok" && version == "2.3.1" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
