// Command wasm_stubs prints, as JSON, the exported standard-library functions
// and methods that always fail at run time on each GOOS/GOARCH port named on
// the command line: every path through them returns a non-nil error (ENOSYS,
// "not implemented", errors.New constants, ...) or panics.
//
// Usage: go run . js/wasm wasip1/wasm
//
// Packages are type-checked from $GOROOT/src with go/types after go/build has
// chosen their files for the port (CgoEnabled=false, the port's tool tags), so
// only the code the compiler would build is read. The path analysis is in
// paths.go; this file loads packages and lists the exported API.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// reported are the packages whose exported API is listed.
var reported = []string{"os", "os/exec", "os/signal", "os/user", "net", "syscall"}

// withBodies are the import path prefixes whose function bodies are analysed;
// calls into any other package are treated as "may succeed".
var withBodies = []string{
	"errors", "internal/oserror", "internal/poll", "internal/syscall/", "io/fs",
	"net", "os", "syscall",
}

// api is one exported function or method that always fails on a port.
type api struct {
	// Errors are the texts of the errors made deepest in the call chain
	// (the stubs that cause the failure; sorted), as Error() returns them
	// with "…" for the parts only known at run time (paths, addresses).
	Errors []string `json:"errors"`
	// Guards are the texts of the other errors it returns on some paths
	// (nil receiver, closed file, misuse).
	Guards []string `json:"guards"`
	// Evidence is where the API is declared and where each error is made,
	// as GOROOT-relative file:line.
	Evidence []string `json:"evidence"`
}

type output struct {
	GoVersion string                     `json:"go_version"`
	Ports     map[string]map[string]*api `json:"ports"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: wasm_stubs GOOS/GOARCH...")
		os.Exit(2)
	}
	out := output{GoVersion: runtime.Version(), Ports: map[string]map[string]*api{}}
	for _, port := range os.Args[1:] {
		apis, err := portStubs(port)
		if err != nil {
			fmt.Fprintf(os.Stderr, "wasm_stubs: %s: %v\n", port, err)
			os.Exit(1)
		}
		out.Ports[port] = apis
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "wasm_stubs:", err)
		os.Exit(1)
	}
}

// pkgInfo is one type-checked package with the syntax it was checked from.
type pkgInfo struct {
	pkg    *types.Package
	files  []*ast.File
	info   *types.Info
	bodies bool
}

// loader type-checks packages from GOROOT/src for one port, keeping syntax.
type loader struct {
	ctxt  build.Context
	fset  *token.FileSet
	sizes types.Sizes
	pkgs  map[string]*pkgInfo
}

func (l *loader) Import(path string) (*types.Package, error) {
	return l.ImportFrom(path, "", 0)
}

func (l *loader) ImportFrom(path, dir string, _ types.ImportMode) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	bp, err := l.ctxt.Import(path, dir, 0)
	if err != nil {
		return nil, err
	}
	if p, ok := l.pkgs[bp.ImportPath]; ok {
		return p.pkg, nil
	}
	var files []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(l.fset, filepath.Join(bp.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	bodies := hasBodies(bp.ImportPath)
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	conf := types.Config{Importer: l, Sizes: l.sizes, IgnoreFuncBodies: !bodies}
	pkg, err := conf.Check(bp.ImportPath, l.fset, files, info)
	if err != nil {
		return nil, fmt.Errorf("type-checking %s: %w", bp.ImportPath, err)
	}
	l.pkgs[bp.ImportPath] = &pkgInfo{pkg: pkg, files: files, info: info, bodies: bodies}
	return pkg, nil
}

func hasBodies(path string) bool {
	for _, prefix := range withBodies {
		if path == prefix || strings.HasPrefix(path, strings.TrimSuffix(prefix, "/")+"/") {
			return true
		}
	}
	return false
}

// portStubs loads the reported packages for port and lists their always-failing API.
func portStubs(port string) (map[string]*api, error) {
	l, err := newLoader(port)
	if err != nil {
		return nil, err
	}
	for _, path := range reported {
		if _, err := l.Import(path); err != nil {
			return nil, err
		}
	}
	a := newAnalyzer(l)
	apis := map[string]*api{}
	for _, path := range reported {
		for name, fn := range exported(l.pkgs[path].pkg) {
			if res := a.fails(fn, nil); res != nil {
				apis[name] = a.describe(fn, res)
			}
		}
	}
	return apis, nil
}

// newLoader reads GOROOT/src as the compiler does for port ("GOOS/GOARCH").
func newLoader(port string) (*loader, error) {
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
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled, ctxt.ToolTags = goos, goarch, false, tags
	return &loader{ctxt: ctxt, fset: token.NewFileSet(), sizes: types.SizesFor("gc", goarch), pkgs: map[string]*pkgInfo{}}, nil
}

// exported maps "path.Func" and "path.Type.Method" to the function each names,
// including methods promoted from embedded fields.
func exported(pkg *types.Package) map[string]*types.Func {
	found := map[string]*types.Func{}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			if obj.Exported() {
				found[pkg.Path()+"."+name] = obj
			}
		case *types.TypeName:
			if !obj.Exported() || types.IsInterface(obj.Type()) {
				continue
			}
			ms := types.NewMethodSet(types.NewPointer(obj.Type()))
			for i := 0; i < ms.Len(); i++ {
				if fn, ok := ms.At(i).Obj().(*types.Func); ok && fn.Exported() {
					found[pkg.Path()+"."+name+"."+fn.Name()] = fn
				}
			}
		}
	}
	return found
}

// toolTags asks the go command for the toolchain build tags of a port.
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

// describe turns an analysis result into the record printed for fn.
func (a *analyzer) describe(fn *types.Func, res *errVal) *api {
	deepest := 0
	for _, o := range res.origins {
		deepest = max(deepest, o.depth)
	}
	texts, guards := map[string]bool{}, map[string]bool{}
	evidence := map[string]bool{a.where(fn.Pos()) + " (declared)": true}
	out := &api{}
	for _, o := range res.origins {
		if o.depth < deepest {
			if o.text != "" {
				guards[o.text] = true
			}
			continue
		}
		if o.text != "" {
			texts[o.text] = true
		}
		if o.pos.IsValid() {
			evidence[a.where(o.pos)] = true
		}
	}
	for text := range texts {
		delete(guards, text)
	}
	out.Errors, out.Guards, out.Evidence = sortedKeys(texts), sortedKeys(guards), sortedKeys(evidence)
	return out
}

// where is a GOROOT-relative "src/pkg/file.go:line".
func (a *analyzer) where(pos token.Pos) string {
	p := a.l.fset.Position(pos)
	rel, err := filepath.Rel(a.l.ctxt.GOROOT, p.Filename)
	if err != nil {
		rel = p.Filename
	}
	return fmt.Sprintf("%s:%d", filepath.ToSlash(rel), p.Line)
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
