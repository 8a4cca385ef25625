// wasi_release_script: render a release script from a template into dist/, make it
// executable, and verify that the file on disk is ready to be shipped (non-empty,
// starts with a shebang, executable by its owner) before writing the release manifest.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"text/template"
)

const scriptTmpl = `#!/bin/sh
set -eu
echo "releasing {{.Name}} {{.Version}}"
{{range .Targets}}tar -czf {{$.Name}}-{{$.Version}}-{{.}}.tar.gz build/{{.}}
{{end}}`

type release struct {
	Name    string
	Version string
	Targets []string
}

func render(dir string, r release) (string, error) {
	t := template.Must(template.New("release").Parse(scriptTmpl))
	var buf bytes.Buffer
	if err := t.Execute(&buf, r); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "release.sh")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", err
	}
	return path, os.Chmod(path, 0o755)
}

func verify(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return fmt.Errorf("%s is empty", path)
	}
	if fi.Mode().Perm()&0o100 == 0 {
		return fmt.Errorf("%s is not executable (mode %v)", path, fi.Mode())
	}
	head := make([]byte, 2)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Read(head); err != nil || string(head) != "#!" {
		return fmt.Errorf("%s has no shebang", path)
	}
	return nil
}

func main() {
	r := release{Name: "tool", Version: "1.4.2", Targets: []string{"linux-amd64", "wasip1-wasm"}}
	path, err := render("dist", r)
	if err != nil {
		fmt.Println("render:", err)
		os.Exit(1)
	}
	if err := verify(path); err != nil {
		fmt.Println("verify:", err)
		os.Exit(1)
	}
	manifest := fmt.Sprintf("%s %s %s\n", r.Name, r.Version, filepath.Base(path))
	if err := os.WriteFile(filepath.Join("dist", "MANIFEST"), []byte(manifest), 0o644); err != nil {
		fmt.Println("manifest:", err)
		os.Exit(1)
	}
	fmt.Print(manifest)
	fmt.Println("RESULT OK")
}
