// wasi_bookmarks_tilde: a bookmarks CLI whose targets may start with "~/". It expands
// them against the current user's home directory, appends the bookmarks to a store
// file in a state directory, and lists them back.
package main

import (
	"bufio"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
)

func expand(p string) (string, error) {
	if !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	u, err := user.Current()
	if err != nil {
		return "", err
	}
	return filepath.Join(u.HomeDir, p[2:]), nil
}

func add(store, name, target string) error {
	f, err := os.OpenFile(store, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "%s\t%s\n", name, target)
	return err
}

func list(store string) (map[string]string, error) {
	f, err := os.Open(store)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if name, target, ok := strings.Cut(sc.Text(), "\t"); ok {
			out[name] = target
		}
	}
	return out, sc.Err()
}

func main() {
	dir := "state"
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fmt.Println("mkdir:", err)
		os.Exit(1)
	}
	store := filepath.Join(dir, fmt.Sprintf("marks-%d.tsv", os.Getpid()))
	defer os.Remove(store)
	for _, e := range [][2]string{{"proj", "~/src/proj"}, {"logs", "/var/log/app"}} {
		target, err := expand(e[1])
		if err != nil {
			fmt.Println("expand:", err)
			os.Exit(1)
		}
		if err := add(store, e[0], target); err != nil {
			fmt.Println("add:", err)
			os.Exit(1)
		}
	}
	marks, err := list(store)
	if err != nil {
		fmt.Println("list:", err)
		os.Exit(1)
	}
	for k, v := range marks {
		fmt.Println(k, "->", v)
	}
	if len(marks) == 2 && strings.HasSuffix(marks["proj"], "/src/proj") && marks["logs"] == "/var/log/app" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
