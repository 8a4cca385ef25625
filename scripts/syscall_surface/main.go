// Command syscall_surface prints, as JSON, the exported API of the standard
// syscall package for each GOOS/GOARCH port named on the command line.
//
// Usage: go run . js/wasm wasip1/wasm linux/amd64
//
// The package is type-checked from $GOROOT/src with go/types (the "source"
// importer), after go/build has chosen its files for that port with
// CgoEnabled=false and the port's own toolchain tags, so build constraints
// and file-name suffixes are honoured as the compiler would honour them.
package main

import (
	"encoding/json"
	"fmt"
	"go/build"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// surface is the exported API of syscall on one port.
type surface struct {
	// Identifiers are all exported package-level names.
	Identifiers []string `json:"identifiers"`
	// Fields maps every exported struct type to its selectable exported
	// field names (including promoted ones); the list may be empty.
	Fields map[string][]string `json:"fields"`
	// Methods maps every exported type that has exported methods (value or
	// pointer receiver, including promoted ones) to their names.
	Methods map[string][]string `json:"methods"`
}

type output struct {
	GoVersion string              `json:"go_version"`
	Ports     map[string]*surface `json:"ports"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: syscall_surface GOOS/GOARCH...")
		os.Exit(2)
	}
	out := output{GoVersion: runtime.Version(), Ports: map[string]*surface{}}
	for _, port := range os.Args[1:] {
		s, err := portSurface(port)
		if err != nil {
			fmt.Fprintf(os.Stderr, "syscall_surface: %s: %v\n", port, err)
			os.Exit(1)
		}
		out.Ports[port] = s
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "syscall_surface:", err)
		os.Exit(1)
	}
}

// portSurface type-checks syscall for port ("GOOS/GOARCH").
func portSurface(port string) (*surface, error) {
	goos, goarch, ok := strings.Cut(port, "/")
	if !ok || goos == "" || goarch == "" {
		return nil, fmt.Errorf("want GOOS/GOARCH")
	}
	if build.Default.GOROOT == "" {
		return nil, fmt.Errorf("GOROOT unknown; run with the go command or set GOROOT")
	}
	tags, err := toolTags(goos, goarch)
	if err != nil {
		return nil, err
	}
	// The "source" importer selects files with build.Default, so point it
	// at the requested port before creating it.
	build.Default.GOOS = goos
	build.Default.GOARCH = goarch
	build.Default.CgoEnabled = false
	build.Default.ToolTags = tags
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	pkg, err := imp.Import("syscall")
	if err != nil {
		return nil, err
	}
	s := &surface{Fields: map[string][]string{}, Methods: map[string][]string{}}
	scope := pkg.Scope()
	for _, name := range scope.Names() { // sorted
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		s.Identifiers = append(s.Identifiers, name)
		tn, isType := obj.(*types.TypeName)
		if !isType {
			continue
		}
		t := types.Unalias(tn.Type())
		if st, isStruct := t.Underlying().(*types.Struct); isStruct {
			s.Fields[name] = structFields(st)
		}
		if m := methods(t); len(m) > 0 {
			s.Methods[name] = m
		}
	}
	return s, nil
}

// toolTags asks the go command for the toolchain build tags of a port: the
// goexperiment.* tags differ per GOARCH (e.g. regabiargs is off on wasm),
// and the runtime's file selection depends on them.
func toolTags(goos, goarch string) ([]string, error) {
	goCmd := filepath.Join(build.Default.GOROOT, "bin", "go")
	cmd := exec.Command(goCmd, "list", "-f", "{{join context.ToolTags \" \"}}", "unsafe")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	return strings.Fields(string(out)), nil
}

// structFields returns the exported field names selectable on st, including
// fields promoted through embedded structs.
func structFields(st *types.Struct) []string {
	seen := map[string]bool{}
	var walk func(*types.Struct, map[*types.Struct]bool)
	walk = func(st *types.Struct, visiting map[*types.Struct]bool) {
		if visiting[st] {
			return
		}
		visiting[st] = true
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			if f.Exported() {
				seen[f.Name()] = true
			}
			if f.Embedded() {
				ft := types.Unalias(f.Type())
				if p, isPtr := ft.(*types.Pointer); isPtr {
					ft = p.Elem()
				}
				if inner, isStruct := ft.Underlying().(*types.Struct); isStruct {
					walk(inner, visiting)
				}
			}
		}
	}
	walk(st, map[*types.Struct]bool{})
	return sortedKeys(seen)
}

// methods returns the exported method names callable on a value of type t
// (or on *t, for non-interface types).
func methods(t types.Type) []string {
	recv := t
	if !types.IsInterface(t) {
		recv = types.NewPointer(t)
	}
	seen := map[string]bool{}
	ms := types.NewMethodSet(recv)
	for i := 0; i < ms.Len(); i++ {
		if f := ms.At(i).Obj(); f.Exported() {
			seen[f.Name()] = true
		}
	}
	return sortedKeys(seen)
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
