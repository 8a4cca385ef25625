// wasi_kv_client_localhost: an in-process key-value server speaking a line protocol
// (SET k v / GET k) on a loopback port, and a client that connects to it by the
// conventional "localhost:PORT" address, stores a few keys and reads them back.
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
)

func serve(l net.Listener) {
	var mu sync.Mutex
	store := map[string]string{}
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func(c net.Conn) {
			defer c.Close()
			sc := bufio.NewScanner(c)
			for sc.Scan() {
				f := strings.Fields(sc.Text())
				mu.Lock()
				switch {
				case len(f) == 3 && f[0] == "SET":
					store[f[1]] = f[2]
					fmt.Fprintln(c, "OK")
				case len(f) == 2 && f[0] == "GET":
					fmt.Fprintln(c, store[f[1]])
				default:
					fmt.Fprintln(c, "ERR")
				}
				mu.Unlock()
			}
		}(c)
	}
}

func main() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	defer l.Close()
	go serve(l)

	port := l.Addr().(*net.TCPAddr).Port
	conn, err := net.Dial("tcp", fmt.Sprintf("localhost:%d", port))
	if err != nil {
		fmt.Println("dial:", err)
		os.Exit(1)
	}
	defer conn.Close()
	rd := bufio.NewReader(conn)
	ask := func(line string) string {
		fmt.Fprintln(conn, line)
		reply, _ := rd.ReadString('\n')
		return strings.TrimSpace(reply)
	}
	for _, kv := range [][2]string{{"region", "eu-west"}, {"replicas", "3"}} {
		if r := ask("SET " + kv[0] + " " + kv[1]); r != "OK" {
			fmt.Println("set failed:", r)
			os.Exit(1)
		}
	}
	region, replicas := ask("GET region"), ask("GET replicas")
	fmt.Println("region", region, "replicas", replicas)
	if region == "eu-west" && replicas == "3" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
