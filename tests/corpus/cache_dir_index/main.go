// cache_dir_index: a command-line tool decides where its search index cache lives: the
// user's cache directory, which it only names here (the first run creates it later).
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	base, err := os.UserCacheDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "index:", err)
		os.Exit(1)
	}
	path := filepath.Join(base, "searchtool", "index.db")
	fmt.Println("index cache:", path)
	if filepath.IsAbs(path) {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
