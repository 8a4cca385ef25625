// wasi_plugin_templates: a report plugin that ships its templates next to its binary.
// It finds the templates directory relative to the executable (falling back to a
// built-in template when the directory has no override) and renders a usage report.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

const builtin = `{{range .}}{{printf "%-8s" .Name}} {{.Calls}} calls{{"\n"}}{{end}}`

type usage struct {
	Name  string
	Calls int
}

func templateDir() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("locating plugin: %w", err)
	}
	return filepath.Join(filepath.Dir(exe), "templates"), nil
}

func loadTemplate(dir string) (*template.Template, error) {
	body, err := os.ReadFile(filepath.Join(dir, "report.tmpl"))
	if errors.Is(err, fs.ErrNotExist) {
		body = []byte(builtin)
	} else if err != nil {
		return nil, err
	}
	return template.New("report").Parse(string(body))
}

func main() {
	log.SetFlags(0)
	dir, err := templateDir()
	if err != nil {
		log.Fatal(err)
	}
	t, err := loadTemplate(dir)
	if err != nil {
		log.Fatal(err)
	}
	data := []usage{{"resize", 12}, {"crop", 3}, {"rotate", 7}}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		log.Fatal(err)
	}
	fmt.Print(b.String())
	if strings.Count(b.String(), "calls") == 3 && strings.Contains(b.String(), "resize   12") {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
