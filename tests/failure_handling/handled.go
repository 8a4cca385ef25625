package main

import (
	"bytes"
	"os"
	"os/exec"
	"os/user"
	"text/template"
)

// handled: every failure below has a fallback.

func whoami() string {
	if u, err := user.Current(); err == nil { // note: falls back to $USER
		return u.Username
	}
	return os.Getenv("USER")
}

func run(path string) ([]byte, error) {
	cmd := exec.Command(path, "-c") // note: Run's error goes up to compress, which falls back
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func compress(data []byte) []byte {
	if path, lookErr := exec.LookPath("gzip"); lookErr == nil { // note
		if out, err := run(path); err == nil {
			return out
		}
	}
	return data
}

func home() string {
	dir, err := os.UserHomeDir() // note: a default replaces it
	if err != nil {
		dir = "."
	}
	return dir
}

func main() {
	_ = whoami() + home()
	_ = compress(nil)
	t := template.Must(template.New("x").Parse("{{.}}"))
	if err := t.Execute(os.Stdout, 1); err != nil { // a panic on TinyGo: no check handles it
		_ = err
	}
}

func onWindows() bool {
	_, err := os.Stat(`C:\`) // note: a failure answers the question
	windows := err == nil
	return windows
}

func ensureDir(path string, create func(string) error) error {
	if info, err := os.Stat(path); err == nil { // note: the slow path goes on without it
		if info.IsDir() {
			return nil
		}
		return os.ErrExist
	}
	if err := create(path); err != nil { // another err: the one above is out of scope here
		return err
	}
	return nil
}
