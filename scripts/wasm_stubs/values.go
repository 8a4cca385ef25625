package main

// What expressions and conditions are known to hold inside one function
// body: errors (errno constants, sentinels, errors.New, wrapping struct
// literals, results of calls that always fail), constant words, and which
// branch a condition takes.

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"
)

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// callErrIndex is the position of the error result of the function call invokes.
func (f *frame) callErrIndex(call *ast.CallExpr) int {
	sig, ok := f.p.info.TypeOf(call.Fun).(*types.Signature)
	if !ok {
		return -1
	}
	return f.a.errIndex(sig)
}

func (f *frame) value(x ast.Expr, e env) value {
	if w, ok := f.word(x, e); ok {
		return w
	}
	if lit, ok := ast.Unparen(x).(*ast.FuncLit); ok {
		return &closure{lit, f.p}
	}
	if id, ok := ast.Unparen(x).(*ast.Ident); ok {
		if v, ok := f.p.info.Uses[id].(*types.Var); ok && e[v] != nil {
			return e[v]
		}
	}
	if v := f.eval(x, e); v != nil {
		return v
	}
	return nil
}

// eval is the error x always holds, or nil when it may be nil or is unknown.
func (f *frame) eval(x ast.Expr, e env) *errVal {
	x = ast.Unparen(x)
	if tv, ok := f.p.info.Types[x]; ok && tv.Value != nil {
		return f.a.errno(tv, x.Pos())
	}
	switch x := x.(type) {
	case *ast.Ident:
		return f.a.varValue(f.p.info.Uses[x], e)
	case *ast.SelectorExpr:
		if _, isField := f.p.info.Selections[x]; isField {
			return nil
		}
		return f.a.varValue(f.p.info.Uses[x.Sel], e)
	case *ast.CallExpr:
		return f.evalCall(x, e)
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok && x.Op == token.AND {
			return f.composite(lit, e)
		}
	case *ast.CompositeLit:
		return f.composite(x, e)
	}
	return nil
}

// errno is the error a constant of type syscall.Errno holds (nil for 0).
func (a *analyzer) errno(tv types.TypeAndValue, pos token.Pos) *errVal {
	named, ok := tv.Type.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "syscall" || named.Obj().Name() != "Errno" {
		return nil
	}
	n, exact := constant.Int64Val(constant.ToInt(tv.Value))
	if !exact || n == 0 {
		return nil
	}
	text, ok := a.errnoText[n]
	if !ok {
		text = fmt.Sprintf("errno %d", n)
	}
	return &errVal{[]origin{{id: fmt.Sprintf("errno:%d", n), text: text, pos: pos}}}
}

func (a *analyzer) varValue(obj types.Object, e env) *errVal {
	v, ok := obj.(*types.Var)
	if !ok {
		return nil
	}
	if !isPackageLevel(v) {
		val, _ := e[v].(*errVal)
		return val
	}
	return a.sentinel(v)
}

// sentinel is the error a package-level `var ErrX = ...` holds.
func (a *analyzer) sentinel(v *types.Var) *errVal {
	if val, ok := a.sentinels[v]; ok {
		return val
	}
	a.sentinels[v] = nil
	src, ok := a.vars[v]
	if !ok {
		return nil
	}
	f := &frame{a: a, p: src.p, idx: -1}
	val := f.eval(src.expr, env{})
	if val == nil || len(val.origins) != 1 {
		return nil
	}
	o := val.origins[0]
	if o.id == "new" {
		o.id = "var " + v.Pkg().Path() + "." + v.Name()
	}
	val = &errVal{[]origin{o}}
	a.sentinels[v] = val
	return val
}

var verb = regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z]`)

func (f *frame) evalCall(call *ast.CallExpr, e env) *errVal {
	fun := ast.Unparen(call.Fun)
	if tv, ok := f.p.info.Types[fun]; ok && tv.IsType() {
		if len(call.Args) == 1 {
			return f.eval(call.Args[0], e)
		}
		return nil
	}
	if lit, ok := fun.(*ast.FuncLit); ok {
		return deeper(f.a.closureFails(&closure{lit, f.p}))
	}
	if id, ok := fun.(*ast.Ident); ok {
		if v, ok := f.p.info.Uses[id].(*types.Var); ok {
			if c, ok := e[v].(*closure); ok {
				return deeper(f.a.closureFails(c))
			}
			return nil
		}
	}
	fn := f.callee(fun)
	if fn == nil {
		return nil
	}
	switch fn.FullName() {
	case "errors.New", "fmt.Errorf":
		if len(call.Args) == 0 {
			return nil
		}
		text := ""
		if tv := f.p.info.Types[call.Args[0]]; tv.Value != nil && tv.Value.Kind() == constant.String {
			text = constant.StringVal(tv.Value)
			if fn.Name() == "Errorf" {
				text = verb.ReplaceAllString(text, "…")
			}
		}
		return &errVal{[]origin{{id: "new", text: text, pos: call.Pos()}}}
	}
	sig := fn.Type().(*types.Signature)
	n := sig.Params().Len()
	if sig.Variadic() {
		n--
	}
	var args []value
	carries := false // words matter only beside an error or closure they describe
	if len(call.Args) >= n {
		for i := 0; i < n; i++ {
			args = append(args, f.value(call.Args[i], e))
			_, isWord := args[i].(word)
			carries = carries || (args[i] != nil && !isWord)
		}
	}
	for i, arg := range args {
		if _, isWord := arg.(word); isWord && !carries {
			args[i] = nil
		}
	}
	return deeper(f.a.fails(fn, args))
}

// deeper is a callee's result as seen by its caller.
func deeper(v *errVal) *errVal {
	if v == nil {
		return nil
	}
	out := make([]origin, len(v.origins))
	for i, o := range v.origins {
		o.depth++
		out[i] = o
	}
	return &errVal{out}
}

// callee is the function a call statically invokes, or nil (interface
// methods, function values).
func (f *frame) callee(fun ast.Expr) *types.Func {
	switch x := fun.(type) {
	case *ast.Ident:
		fn, _ := f.p.info.Uses[x].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		if sel, ok := f.p.info.Selections[x]; ok {
			fn, _ := sel.Obj().(*types.Func)
			if sel.Kind() != types.MethodVal || fn == nil {
				return nil
			}
			if recv := fn.Type().(*types.Signature).Recv(); recv == nil || types.IsInterface(recv.Type()) {
				return nil
			}
			return fn
		}
		fn, _ := f.p.info.Uses[x.Sel].(*types.Func)
		return fn
	case *ast.IndexExpr:
		return f.callee(ast.Unparen(x.X))
	}
	return nil
}

// composite: a struct literal used as an error is non-nil; one that wraps a
// known error in a field named Err carries that error, with the prefix its
// Error method adds: "Syscall: " (os.SyscallError) or "Op …: " (PathError,
// LinkError, net.OpError), else "…: ".
func (f *frame) composite(lit *ast.CompositeLit, e env) *errVal {
	st, _ := f.p.info.TypeOf(lit).Underlying().(*types.Struct)
	fields := map[string]ast.Expr{}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				fields[id.Name] = kv.Value
			}
		} else if st != nil && i < st.NumFields() {
			fields[st.Field(i).Name()] = elt
		}
	}
	inner := (*errVal)(nil)
	if x, ok := fields["Err"]; ok {
		inner = f.eval(x, e)
	}
	if inner == nil {
		return &errVal{[]origin{{id: "new", pos: lit.Pos()}}}
	}
	prefix := "…: "
	if name, ok := f.word(fields["Syscall"], e); ok {
		prefix = string(name) + ": "
	} else if op, ok := f.word(fields["Op"], e); ok {
		prefix = string(op) + " …: "
	}
	wrapped := make([]origin, len(inner.origins))
	for j, o := range inner.origins {
		if o.text != "" {
			o.text = prefix + o.text
		}
		o.id = "new"
		wrapped[j] = o
	}
	return &errVal{wrapped}
}

// word is the constant string x holds, if it is one.
func (f *frame) word(x ast.Expr, e env) (word, bool) {
	if x == nil {
		return "", false
	}
	x = ast.Unparen(x)
	if tv := f.p.info.Types[x]; tv.Value != nil && tv.Value.Kind() == constant.String {
		return word(constant.StringVal(tv.Value)), true
	}
	if id, ok := x.(*ast.Ident); ok {
		if v, ok := f.p.info.Uses[id].(*types.Var); ok {
			w, isWord := e[v].(word)
			return w, isWord
		}
	}
	return "", false
}

// cond decides a condition where it can and returns the environments in
// which it is true and false.
func (f *frame) cond(x ast.Expr, e env) (tri, env, env) {
	x = ast.Unparen(x)
	if tv := f.p.info.Types[x]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
		if constant.BoolVal(tv.Value) {
			return yes, e, e
		}
		return no, e, e
	}
	switch x := x.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			t, onTrue, onFalse := f.cond(x.X, e)
			return t.not(), onFalse, onTrue
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.LAND:
			t1, true1, false1 := f.cond(x.X, e)
			if t1 == no {
				return no, e, false1
			}
			t2, true2, false2 := f.cond(x.Y, true1)
			if t1 == yes {
				return t2, true2, false2
			}
			if t2 == no {
				return no, e, merge([]env{false1, false2})
			}
			return unknown, true2, merge([]env{false1, false2})
		case token.LOR:
			t1, true1, false1 := f.cond(x.X, e)
			if t1 == yes {
				return yes, true1, e
			}
			t2, true2, false2 := f.cond(x.Y, false1)
			if t1 == no {
				return t2, true2, false2
			}
			if t2 == yes {
				return yes, merge([]env{true1, true2}), e
			}
			return unknown, merge([]env{true1, true2}), false2
		case token.EQL, token.NEQ:
			t, onEqual, onDiffer := f.compare(x.X, x.Y, e)
			if x.Op == token.NEQ {
				return t.not(), onDiffer, onEqual
			}
			return t, onEqual, onDiffer
		}
	}
	return unknown, e, e
}

// compare decides `a == b` for errors: against nil, or against a sentinel.
func (f *frame) compare(a, b ast.Expr, e env) (tri, env, env) {
	if f.isNil(a) {
		a, b = b, a
	}
	if !types.Identical(f.p.info.TypeOf(a), f.a.errorType) {
		return unknown, e, e
	}
	known := f.eval(a, e)
	if f.isNil(b) {
		if known != nil {
			return no, e, e
		}
		if local := f.localVar(a); local != nil {
			differ := copyEnv(e)
			differ[local] = &errVal{[]origin{{}}}
			return unknown, e, differ
		}
		return unknown, e, e
	}
	sentinel := f.eval(b, e)
	if known == nil || sentinel == nil || len(sentinel.origins) != 1 {
		return unknown, e, e
	}
	id := sentinel.origins[0].id
	if !strings.HasPrefix(id, "var ") && !strings.HasPrefix(id, "errno:") {
		return unknown, e, e
	}
	var mayEqual, mayDiffer []origin
	for _, o := range known.origins {
		if o.id == "" || o.id == id {
			mayEqual = append(mayEqual, o)
		}
		if o.id != id {
			mayDiffer = append(mayDiffer, o)
		}
	}
	switch {
	case len(mayEqual) == 0:
		return no, e, e
	case len(mayDiffer) == 0:
		return yes, e, e
	}
	// Each branch keeps the errors that can take it.
	onEqual, onDiffer := e, e
	if local := f.localVar(a); local != nil {
		onEqual, onDiffer = copyEnv(e), copyEnv(e)
		onEqual[local] = &errVal{mayEqual}
		onDiffer[local] = &errVal{mayDiffer}
	}
	return unknown, onEqual, onDiffer
}

// localVar is the local variable x names, if it does.
func (f *frame) localVar(x ast.Expr) *types.Var {
	if id, ok := ast.Unparen(x).(*ast.Ident); ok {
		if v, ok := f.p.info.Uses[id].(*types.Var); ok && !isPackageLevel(v) {
			return v
		}
	}
	return nil
}

func (f *frame) isNil(x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := f.p.info.Uses[id].(*types.Nil)
	return isNil
}

// assignedIn lists the local variables a statement may change.
func (f *frame) assignedIn(n ast.Node) []*types.Var {
	var vars []*types.Var
	add := func(x ast.Expr) {
		if id, ok := ast.Unparen(x).(*ast.Ident); ok {
			obj := f.p.info.Defs[id]
			if obj == nil {
				obj = f.p.info.Uses[id]
			}
			if v, ok := obj.(*types.Var); ok {
				vars = append(vars, v)
			}
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				add(l)
			}
		case *ast.RangeStmt:
			if n.Key != nil {
				add(n.Key)
			}
			if n.Value != nil {
				add(n.Value)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				add(n.X)
			}
		}
		return true
	})
	return vars
}

func copyEnv(e env) env {
	out := make(env, len(e))
	for k, v := range e {
		out[k] = v
	}
	return out
}

func forget(e env, vars []*types.Var) env {
	out := copyEnv(e)
	for _, v := range vars {
		delete(out, v)
	}
	return out
}

// merge keeps what holds in every environment.
func merge(envs []env) env {
	out := env{}
	for k, v := range envs[0] {
		switch first := v.(type) {
		case *errVal:
			union := append([]origin(nil), first.origins...)
			ok := true
			for _, other := range envs[1:] {
				o, isErr := other[k].(*errVal)
				if !isErr {
					ok = false
					break
				}
				union = append(union, o.origins...)
			}
			if ok {
				out[k] = &errVal{union}
			}
		case *closure, word:
			ok := true
			for _, other := range envs[1:] {
				if other[k] != first {
					ok = false
				}
			}
			if ok {
				out[k] = first
			}
		}
	}
	return out
}
