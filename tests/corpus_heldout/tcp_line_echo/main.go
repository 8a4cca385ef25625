// tcp_line_echo: a line-oriented TCP echo service (uppercases each line) on a loopback
// listener, with per-connection read deadlines, exercised by two concurrent clients.
package main

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

func serve(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			r := bufio.NewReader(conn)
			for {
				conn.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				fmt.Fprint(conn, strings.ToUpper(line))
			}
		}()
	}
}

func client(addr string, words []string) ([]string, error) {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	var out []string
	for _, w := range words {
		fmt.Fprintln(conn, w)
		line, err := r.ReadString('\n')
		if err != nil {
			return out, err
		}
		out = append(out, strings.TrimSpace(line))
	}
	return out, nil
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	defer ln.Close()
	go serve(ln)

	inputs := [][]string{{"alpha", "beta"}, {"gamma", "delta", "epsilon"}}
	outputs := make([][]string, len(inputs))
	errs := make([]error, len(inputs))
	var wg sync.WaitGroup
	for i, words := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outputs[i], errs[i] = client(ln.Addr().String(), words)
		}()
	}
	wg.Wait()

	fmt.Println("replies:", outputs, "errors:", errs)
	if errs[0] == nil && errs[1] == nil &&
		strings.Join(outputs[0], ",") == "ALPHA,BETA" &&
		strings.Join(outputs[1], ",") == "GAMMA,DELTA,EPSILON" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
