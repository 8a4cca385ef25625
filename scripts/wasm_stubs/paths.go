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
