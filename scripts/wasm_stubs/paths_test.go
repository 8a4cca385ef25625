package main

// The path analysis on small functions whose answer is known: listed only
// when every path returns a non-nil error (or panics).

import (
	"go/ast"
	"go/parser"
	"go/types"
	"reflect"
	"testing"
)

const example = `package example

import (
	"errors"
	"io"
	"os"
	"runtime"
	"syscall"
)

var ErrGone = errors.New("gone")

func Stub() error { return syscall.ENOSYS }

func Pair() (int, error) { return -1, syscall.ENOSYS }

func Sentinel() error { return ErrGone }

func Formatted(name string) error { return errors.New("no " + "users") }

func SometimesNil(n int) error {
	if n > 0 {
		return nil
	}
	return syscall.ENOSYS
}

func CallsStub() error {
	if err := Stub(); err != nil {
		return &os.PathError{Op: "chown", Path: "x", Err: err}
	}
	return nil
}

func GuardThenStub(f *os.File) error {
	if f == nil {
		return syscall.EINVAL
	}
	return Stub()
}

func Wrap(op string, err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	return os.NewSyscallError(op, err)
}

func WrapsStub() error { return Wrap("dup", Stub()) }

func WrapsMaybe(n int) error { return Wrap("dup", SometimesNil(n)) }

func retry(fn func() error) error {
	for {
		err := fn()
		if err != syscall.EINTR {
			return err
		}
	}
}

func ThroughClosure() error { return retry(func() error { return syscall.ENOSYS }) }

func LoopMayEnd(xs []int) error {
	for range xs {
		return syscall.ENOSYS
	}
	return nil
}

func SwitchWithoutDefault(n int) error {
	switch n {
	case 1:
		return syscall.ENOSYS
	}
	return nil
}

func ConstantGuard() error {
	if runtime.GOOS == "wasip1" {
		return syscall.ENOSYS
	}
	return nil
}

func Recovers() (err error) {
	defer func() { err = nil }()
	return syscall.ENOSYS
}

func EndOfStream() error { return io.EOF }

func Panics() error { panic("no") }

func PanicOrStub(n int) error {
	if n < 0 {
		panic("negative")
	}
	return syscall.ENOSYS
}

type Conn struct{}

func (*Conn) File() (*os.File, error) {
	f, err := Pair()
	if err != nil {
		return nil, &os.PathError{Op: "file", Err: err}
	}
	_ = f
	return nil, nil
}

func (*Conn) Interface(r io.Reader) error {
	_, err := r.Read(nil)
	return err
}
`

func analyse(t *testing.T) map[string]*api {
	t.Helper()
	l, err := newLoader("wasip1/wasm")
	if err != nil {
		t.Fatal(err)
	}
	file, err := parser.ParseFile(l.fset, "example.go", example, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	conf := types.Config{Importer: l, Sizes: l.sizes}
	pkg, err := conf.Check("example", l.fset, []*ast.File{file}, info)
	if err != nil {
		t.Fatal(err)
	}
	l.pkgs["example"] = &pkgInfo{pkg: pkg, files: []*ast.File{file}, info: info, bodies: true}
	a := newAnalyzer(l)
	found := map[string]*api{}
	for name, fn := range exported(pkg) {
		if res := a.fails(fn, nil); res != nil {
			found[name] = a.describe(fn, res)
		}
	}
	return found
}

func TestEveryPathFails(t *testing.T) {
	found := analyse(t)
	want := map[string][]string{
		"example.Stub":           {"Not implemented on wasip1"},
		"example.Pair":           {"Not implemented on wasip1"},
		"example.Sentinel":       {"gone"},
		"example.Formatted":      {"no users"},
		"example.CallsStub":      {"chown …: Not implemented on wasip1"},
		"example.GuardThenStub":  {"Not implemented on wasip1"},
		"example.WrapsStub":      {"dup: Not implemented on wasip1"},
		"example.ThroughClosure": {"Not implemented on wasip1"},
		"example.ConstantGuard":  {"Not implemented on wasip1"},
		"example.PanicOrStub":    {"Not implemented on wasip1"},
		"example.Conn.File":      {"file …: Not implemented on wasip1"},
	}
	got := map[string][]string{}
	for name, api := range found {
		got[name] = api.Errors
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("always-failing functions:\n got %v\nwant %v", got, want)
	}
	if guards := found["example.GuardThenStub"].Guards; !reflect.DeepEqual(guards, []string{"Invalid argument"}) {
		t.Errorf("GuardThenStub guards = %v, want [Invalid argument]", guards)
	}
}
