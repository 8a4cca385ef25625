package main

// The path analysis: does every path through a function return a non-nil
// error (or panic)? It walks the syntax of each function once per calling
// context, tracking which local error variables are known to be non-nil and
// where their errors come from, prunes branches whose condition it can decide
// (`err != nil` on a known error, constant conditions such as runtime.GOOS
// checks, comparisons with a different sentinel), and follows static calls
// (functions, concrete methods, closures passed as arguments) into their
// bodies with the arguments' known errors bound. Anything it does not
// understand (goto, labels, deferred closures, interface calls) counts as a
// path that may succeed, so the answer errs towards "may succeed".

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"
)

// origin is one error a value may hold.
type origin struct {
	// id identifies the value for == comparisons: "errno:38", "var io.EOF",
	// "new" (a fresh allocation, equal to no sentinel), "" (unknown).
	id   string
	text string
	pos  token.Pos
	// depth counts the calls between the function analysed and the place
	// the error is made: the deepest errors are the stubs that cause the
	// failure, shallower ones its guards (nil receiver, closed file).
	depth int
}

// errVal is an error known to be non-nil, with the errors it may be.
type errVal struct{ origins []origin }

const endOfFile = "var io.EOF"

func (v *errVal) has(id string) bool {
	for _, o := range v.origins {
		if o.id == id {
			return true
		}
	}
	return false
}

// closure is a function literal held by a local variable or parameter.
type closure struct {
	lit *ast.FuncLit
	p   *pkgInfo
}

// word is a constant string passed along with an error (the "dup" of
// os.NewSyscallError("dup", err)), for the text of the wrapping error.
type word string

// value is *errVal, *closure or word.
type value interface{}

// env maps local variables to what is known about them.
type env map[*types.Var]value

type tri int

const (
	unknown tri = iota
	yes
	no
)

func (t tri) not() tri {
	switch t {
	case yes:
		return no
	case no:
		return yes
	}
	return unknown
}

type funcSrc struct {
	decl *ast.FuncDecl
	p    *pkgInfo
}

type varSrc struct {
	expr ast.Expr
	p    *pkgInfo
}

type analyzer struct {
	l         *loader
	funcs     map[*types.Func]funcSrc
	vars      map[*types.Var]varSrc
	sentinels map[*types.Var]*errVal
	memo      map[string]*errVal
	busy      map[string]bool
	errnoText map[int64]string
	errorType types.Type
}

func newAnalyzer(l *loader) *analyzer {
	a := &analyzer{
		l: l, funcs: map[*types.Func]funcSrc{}, vars: map[*types.Var]varSrc{},
		sentinels: map[*types.Var]*errVal{}, memo: map[string]*errVal{}, busy: map[string]bool{},
		errnoText: map[int64]string{}, errorType: types.Universe.Lookup("error").Type(),
	}
	for _, p := range l.pkgs {
		for _, file := range p.files {
			for _, decl := range file.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if fn, ok := p.info.Defs[d.Name].(*types.Func); ok && p.bodies {
						a.funcs[fn] = funcSrc{d, p}
					}
				case *ast.GenDecl:
					a.indexVars(p, d)
				}
			}
		}
	}
	return a
}

// indexVars records package-level `var x = expr` initializers, and the
// syscall package's errno message table.
func (a *analyzer) indexVars(p *pkgInfo, d *ast.GenDecl) {
	if d.Tok != token.VAR {
		return
	}
	for _, spec := range d.Specs {
		vs := spec.(*ast.ValueSpec)
		if len(vs.Names) != len(vs.Values) {
			continue
		}
		for i, name := range vs.Names {
			v, ok := p.info.Defs[name].(*types.Var)
			if !ok {
				continue
			}
			a.vars[v] = varSrc{vs.Values[i], p}
			if p.pkg.Path() == "syscall" && name.Name == "errorstr" {
				a.indexErrnoTexts(p, vs.Values[i])
			}
		}
	}
}

func (a *analyzer) indexErrnoTexts(p *pkgInfo, table ast.Expr) {
	lit, ok := table.(*ast.CompositeLit)
	if !ok {
		return
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, text := p.info.Types[kv.Key].Value, p.info.Types[kv.Value].Value
		if key == nil || text == nil {
			continue
		}
		if n, exact := constant.Int64Val(key); exact {
			a.errnoText[n] = constant.StringVal(text)
		}
	}
}

// errIndex is the position of sig's last result of type error, or -1.
func (a *analyzer) errIndex(sig *types.Signature) int {
	for i := sig.Results().Len() - 1; i >= 0; i-- {
		if types.Identical(sig.Results().At(i).Type(), a.errorType) {
			return i
		}
	}
	return -1
}

// fails reports whether every path through fn returns a non-nil error (or
// panics) when called with args (nil: nothing known about that argument).
func (a *analyzer) fails(fn *types.Func, args []value) *errVal {
	fn = fn.Origin()
	src, ok := a.funcs[fn]
	if !ok || src.decl.Body == nil {
		return nil
	}
	key := contextKey(fmt.Sprintf("%s@%d", fn.FullName(), fn.Pos()), args)
	return a.once(key, func() *errVal {
		e := env{}
		i := 0
		for _, field := range src.decl.Type.Params.List {
			if len(field.Names) == 0 {
				i++
			}
			for _, name := range field.Names {
				if v, ok := src.p.info.Defs[name].(*types.Var); ok && i < len(args) && args[i] != nil {
					e[v] = args[i]
				}
				i++
			}
		}
		return a.body(src.p, fn.Type().(*types.Signature), src.decl.Body, e)
	})
}

func (a *analyzer) closureFails(c *closure) *errVal {
	sig, ok := c.p.info.TypeOf(c.lit).(*types.Signature)
	if !ok {
		return nil
	}
	return a.once(fmt.Sprintf("closure@%d", c.lit.Pos()), func() *errVal {
		return a.body(c.p, sig, c.lit.Body, env{})
	})
}

// once memoises compute under key; a recursive call in progress may succeed.
func (a *analyzer) once(key string, compute func() *errVal) *errVal {
	if res, ok := a.memo[key]; ok {
		return res
	}
	if a.busy[key] {
		return nil
	}
	a.busy[key] = true
	res := compute()
	delete(a.busy, key)
	a.memo[key] = res
	return res
}

func contextKey(name string, args []value) string {
	var b strings.Builder
	b.WriteString(name)
	for _, arg := range args {
		switch v := arg.(type) {
		case *errVal:
			b.WriteString("|E")
			for _, o := range v.origins {
				fmt.Fprintf(&b, "[%s %q %d %d]", o.id, o.text, o.pos, o.depth)
			}
		case *closure:
			fmt.Fprintf(&b, "|C%d", v.lit.Pos())
		case word:
			fmt.Fprintf(&b, "|W%q", string(v))
		default:
			b.WriteString("|_")
		}
	}
	return b.String()
}

// frame is the analysis of one function body in one context.
type frame struct {
	a       *analyzer
	p       *pkgInfo
	idx     int
	nres    int
	results []*types.Var
	origins []origin
	bad     bool // some path may return a nil error, or was not understood
}

func (a *analyzer) body(p *pkgInfo, sig *types.Signature, body *ast.BlockStmt, e env) *errVal {
	idx := a.errIndex(sig)
	if idx < 0 || hasDeferredClosure(body) {
		return nil
	}
	f := &frame{a: a, p: p, idx: idx, nres: sig.Results().Len()}
	for i := 0; i < sig.Results().Len(); i++ {
		f.results = append(f.results, sig.Results().At(i))
	}
	_, live, breaks := f.block(body.List, e)
	if live || len(breaks) > 0 || f.bad || len(f.origins) == 0 {
		return nil
	}
	return &errVal{f.origins}
}

// hasDeferredClosure: a deferred closure, or a deferred call given a
// pointer (`defer cleanup(&err)`), may change the results or recover.
func hasDeferredClosure(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if _, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				found = true
			}
			for _, arg := range n.Call.Args {
				if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// block walks statements; it returns the environment after them, whether
// control can fall off their end, and the environments at `break`s.
func (f *frame) block(stmts []ast.Stmt, e env) (env, bool, []env) {
	var breaks []env
	live := true
	for _, s := range stmts {
		var b []env
		e, live, b = f.stmt(s, e)
		breaks = append(breaks, b...)
		if !live {
			break
		}
	}
	return e, live, breaks
}

func (f *frame) stmt(s ast.Stmt, e env) (env, bool, []env) {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		f.ret(s, e)
		return nil, false, nil
	case *ast.BlockStmt:
		return f.block(s.List, e)
	case *ast.ExprStmt:
		if f.isPanic(s.X) {
			return nil, false, nil
		}
		return e, true, nil
	case *ast.AssignStmt:
		return f.assign(s, e), true, nil
	case *ast.DeclStmt:
		return f.declare(s, e), true, nil
	case *ast.IncDecStmt, *ast.SendStmt, *ast.EmptyStmt, *ast.DeferStmt, *ast.GoStmt:
		return e, true, nil
	case *ast.IfStmt:
		return f.ifStmt(s, e)
	case *ast.ForStmt:
		return f.forStmt(s, e)
	case *ast.RangeStmt:
		head := forget(e, f.assignedIn(s))
		f.block(s.Body.List, head)
		return head, true, nil
	case *ast.SwitchStmt:
		if s.Init != nil {
			e, _, _ = f.stmt(s.Init, e)
		}
		return f.clauses(s.Body, e, true)
	case *ast.TypeSwitchStmt:
		if s.Init != nil {
			e, _, _ = f.stmt(s.Init, e)
		}
		return f.clauses(s.Body, e, true)
	case *ast.SelectStmt:
		return f.clauses(s.Body, forget(e, f.assignedIn(s)), false)
	case *ast.BranchStmt:
		if s.Label == nil && s.Tok == token.BREAK {
			return nil, false, []env{e}
		}
		if s.Label == nil && s.Tok == token.CONTINUE {
			return nil, false, nil
		}
	}
	f.bad = true // goto, labels, fallthrough, ...
	return nil, false, nil
}

func (f *frame) ifStmt(s *ast.IfStmt, e env) (env, bool, []env) {
	if s.Init != nil {
		e, _, _ = f.stmt(s.Init, e)
	}
	t, onTrue, onFalse := f.cond(s.Cond, e)
	var outs, breaks []env
	if t != no {
		out, live, b := f.block(s.Body.List, onTrue)
		breaks = append(breaks, b...)
		if live {
			outs = append(outs, out)
		}
	}
	if t != yes {
		if s.Else == nil {
			outs = append(outs, onFalse)
		} else {
			out, live, b := f.stmt(s.Else, onFalse)
			breaks = append(breaks, b...)
			if live {
				outs = append(outs, out)
			}
		}
	}
	if len(outs) == 0 {
		return nil, false, breaks
	}
	return merge(outs), true, breaks
}

func (f *frame) forStmt(s *ast.ForStmt, e env) (env, bool, []env) {
	if s.Init != nil {
		e, _, _ = f.stmt(s.Init, e)
	}
	head := forget(e, f.assignedIn(s))
	t, onTrue, onFalse := yes, head, head
	if s.Cond != nil {
		t, onTrue, onFalse = f.cond(s.Cond, head)
	}
	var exits []env
	if t != no {
		if _, _, breaks := f.block(s.Body.List, onTrue); len(breaks) > 0 {
			exits = append(exits, head)
		}
	}
	if t != yes {
		exits = append(exits, onFalse)
	}
	if len(exits) == 0 {
		return nil, false, nil
	}
	return merge(exits), true, nil
}

// clauses walks the clauses of a switch or select; `implicit` is true when
// no clause may run (a switch without default).
func (f *frame) clauses(body *ast.BlockStmt, e env, implicit bool) (env, bool, []env) {
	var outs []env
	for _, clause := range body.List {
		var stmts []ast.Stmt
		switch c := clause.(type) {
		case *ast.CaseClause:
			stmts = c.Body
			if c.List == nil {
				implicit = false
			}
		case *ast.CommClause:
			stmts = c.Body
		}
		out, live, breaks := f.block(stmts, e)
		if live {
			outs = append(outs, out)
		}
		outs = append(outs, breaks...)
	}
	if implicit {
		outs = append(outs, e)
	}
	if len(outs) == 0 {
		return nil, false, nil
	}
	return merge(outs), true, nil
}

func (f *frame) ret(s *ast.ReturnStmt, e env) {
	var v *errVal
	switch {
	case len(s.Results) == 0:
		if r := f.results[f.idx]; r.Name() != "" {
			v, _ = e[r].(*errVal)
		}
	case len(s.Results) == 1 && f.nres > 1:
		if call, ok := ast.Unparen(s.Results[0]).(*ast.CallExpr); ok && f.callErrIndex(call) == f.idx {
			v = f.evalCall(call, e)
		}
	default:
		v = f.eval(s.Results[f.idx], e)
	}
	if v == nil || v.has(endOfFile) {
		f.bad = true // io.EOF ends a stream; it is no failure
		return
	}
	f.origins = append(f.origins, v.origins...)
}

func (f *frame) isPanic(x ast.Expr) bool {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := f.p.info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "panic"
}

func (f *frame) assign(s *ast.AssignStmt, e env) env {
	out := copyEnv(e)
	switch {
	case s.Tok != token.ASSIGN && s.Tok != token.DEFINE:
		for _, l := range s.Lhs {
			f.set(out, l, nil)
		}
	case len(s.Lhs) == len(s.Rhs):
		values := make([]value, len(s.Rhs))
		for i, r := range s.Rhs {
			values[i] = f.value(r, e)
		}
		for i, l := range s.Lhs {
			f.set(out, l, values[i])
		}
	default:
		call, _ := ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
		for i, l := range s.Lhs {
			var v value
			if call != nil && i == f.callErrIndex(call) {
				if r := f.evalCall(call, e); r != nil {
					v = r
				}
			}
			f.set(out, l, v)
		}
	}
	return out
}

func (f *frame) declare(s *ast.DeclStmt, e env) env {
	out := copyEnv(e)
	gd, ok := s.Decl.(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR {
		return out
	}
	for _, spec := range gd.Specs {
		vs := spec.(*ast.ValueSpec)
		for i, name := range vs.Names {
			var v value
			if len(vs.Values) == len(vs.Names) {
				v = f.value(vs.Values[i], e)
			}
			f.set(out, name, v)
		}
	}
	return out
}

func (f *frame) set(e env, lhs ast.Expr, v value) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok || id.Name == "_" {
		return
	}
	obj := f.p.info.Defs[id]
	if obj == nil {
		obj = f.p.info.Uses[id]
	}
	local, ok := obj.(*types.Var)
	if !ok || isPackageLevel(local) {
		return
	}
	if v == nil {
		delete(e, local)
	} else {
		e[local] = v
	}
}

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
