// log_chown: prepare a log directory for a service: create it, create today's log
// file with restrictive permissions and make sure it is owned by the service user
// (here: whoever runs us), as an init script would.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

func prepare(dir string, uid, gid int) (string, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	name := filepath.Join(dir, "service-"+time.Now().Format("2006-01-02")+".log")
	f, err := os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := f.Chown(uid, gid); err != nil {
		return "", fmt.Errorf("chown %s: %w", name, err)
	}
	if err := os.Chown(dir, uid, gid); err != nil {
		return "", fmt.Errorf("chown %s: %w", dir, err)
	}
	_, err = fmt.Fprintf(f, "%s service starting\n", time.Now().Format(time.RFC3339))
	return name, err
}

func main() {
	name, err := prepare("logs", os.Getuid(), os.Getgid())
	if err != nil {
		fmt.Fprintln(os.Stderr, "log setup failed:", err)
		os.Exit(1)
	}
	info, err := os.Stat(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s %v %d bytes\n", name, info.Mode().Perm(), info.Size())
	if info.Mode().Perm()&fs.FileMode(0o007) == 0 && info.Size() > 0 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
