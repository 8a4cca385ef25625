// graceful_http_server: an HTTP API with graceful shutdown. It stops on SIGINT or
// SIGTERM, or when the built-in load test is finished, draining in-flight requests.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var served atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2 * time.Millisecond) // simulated work
		served.Add(1)
		io.Copy(w, r.Body)
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: mux}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	// Built-in load test: 20 concurrent clients, then ask the server to stop.
	loadCtx, loadDone := context.WithCancel(ctx)
	go func() {
		defer loadDone()
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				body := fmt.Sprintf("ping %d", i)
				resp, err := http.Post("http://"+ln.Addr().String()+"/echo", "text/plain", stringsReader(body))
				if err == nil {
					resp.Body.Close()
				}
			}(i)
		}
		wg.Wait()
		http.DefaultClient.CloseIdleConnections()
	}()

	<-loadCtx.Done()
	fmt.Println("shutting down:", context.Cause(ctx))
	shCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	shutdownErr := srv.Shutdown(shCtx)
	if shutdownErr != nil {
		fmt.Println("shutdown:", shutdownErr)
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		fmt.Println("serve:", err)
	}
	fmt.Println("requests served:", served.Load())
	if served.Load() == 20 && shutdownErr == nil {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}

type sr struct{ s string }

func (r *sr) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	n := copy(p, r.s)
	r.s = r.s[n:]
	return n, nil
}

func stringsReader(s string) io.Reader { return &sr{s} }
