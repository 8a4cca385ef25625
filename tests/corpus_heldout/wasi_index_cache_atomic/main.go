// wasi_index_cache_atomic: keep a package index in the user's cache directory. The
// index is written atomically (temporary file in the same directory, sync, rename) so
// a concurrent reader never sees a half-written file; then it is read back and checked.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

type index struct {
	Version  int               `json:"version"`
	Packages map[string]string `json:"packages"`
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".index-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func main() {
	base, err := os.UserCacheDir()
	if err != nil {
		fmt.Println("cache dir:", err)
		os.Exit(1)
	}
	dir := filepath.Join(base, fmt.Sprintf("pkgidx-%d", os.Getpid()))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Println("mkdir:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)

	path := filepath.Join(dir, "index.json")
	for v := 1; v <= 3; v++ {
		idx := index{Version: v, Packages: map[string]string{"left-pad": fmt.Sprintf("1.%d.0", v), "yaml": "3.0.1"}}
		data, _ := json.Marshal(idx)
		if err := writeAtomic(path, data); err != nil {
			fmt.Println("write:", err)
			os.Exit(1)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Println("read:", err)
		os.Exit(1)
	}
	var got index
	if err := json.Unmarshal(raw, &got); err != nil {
		fmt.Println("decode:", err)
		os.Exit(1)
	}
	entries, _ := os.ReadDir(dir)
	fmt.Printf("index v%d with %d packages, %d file(s) in cache dir\n", got.Version, len(got.Packages), len(entries))
	if got.Version == 3 && got.Packages["left-pad"] == "1.3.0" && len(entries) == 1 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
