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
