package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
)

// unhandled: each failure stops, gives up or only reports the error.

func whoami() string {
	u, err := user.Current() // warning: the program exits
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	return u.Username
}

func version() string {
	out, err := exec.Command("git", "describe").Output() // warning: gives up
	if err != nil {
		return ""
	}
	return string(out)
}

func run() error {
	return exec.Command("make").Run() // warning: no caller handles it
}

func home() (string, error) {
	dir, err := os.UserHomeDir() // warning: passed up to main, which reports it
	if err != nil {
		return "", err
	}
	return dir, nil
}

func main() {
	if _, err := home(); err != nil {
		fmt.Println("no home:", err)
	}
	_ = whoami() + version()
	_ = run()
}

func present() bool {
	_, err := os.Stat("/data") // warning: the answer, and then the error is reported
	ok := err == nil
	fmt.Println(err)
	return ok
}
