// wasi_site_manifest: a static-site build step. It lays out a small site in a fresh
// build directory, walks it, and writes a manifest of every file's path (relative to
// the site root, with forward slashes) and SHA-256, skipping hidden files.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func layout(root string) error {
	files := map[string]string{
		"index.html":      "<h1>home</h1>",
		"css/site.css":    "body{margin:0}",
		"blog/first.html": "<p>first</p>",
		"blog/.draft.md":  "wip",
		"img/logo.svg":    "<svg/>",
	}
	for rel, body := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func manifest(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel)+" "+hex.EncodeToString(h.Sum(nil))[:12])
		return nil
	})
	sort.Strings(out)
	return out, err
}

func main() {
	root, err := os.MkdirTemp(".", "site-build-")
	if err != nil {
		fmt.Println("build dir:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(root)
	if err := layout(root); err != nil {
		fmt.Println("layout:", err)
		os.Exit(1)
	}
	lines, err := manifest(root)
	if err != nil {
		fmt.Println("walk:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(filepath.Join(root, "MANIFEST"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		fmt.Println("write manifest:", err)
		os.Exit(1)
	}
	fmt.Println(strings.Join(lines, "\n"))
	if len(lines) == 4 && strings.HasPrefix(lines[0], "blog/first.html ") {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
