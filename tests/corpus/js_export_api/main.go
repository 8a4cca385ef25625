//go:build js && wasm

// js_export_api: expose a small Go "library" (slugify, byte formatting) to
// JavaScript, then let a JS script use it synchronously, as a bundler-loaded
// module would.
package main

import (
	"fmt"
	"strings"
	"syscall/js"
	"unicode"
)

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func humanBytes(n float64) string {
	units := []string{"B", "KiB", "MiB", "GiB"}
	i := 0
	for n >= 1024 && i < len(units)-1 {
		n /= 1024
		i++
	}
	return fmt.Sprintf("%.1f %s", n, units[i])
}

func export(name string, fn func(args []js.Value) any) js.Func {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		defer func() {
			if r := recover(); r != nil {
				js.Global().Get("console").Call("error", name, "panicked:", fmt.Sprint(r))
			}
		}()
		return fn(args)
	})
	js.Global().Get("gotools").Set(name, f)
	return f
}

func main() {
	js.Global().Set("gotools", js.ValueOf(map[string]any{}))
	slug := export("slugify", func(a []js.Value) any { return slugify(a[0].String()) })
	size := export("humanBytes", func(a []js.Value) any { return humanBytes(a[0].Float()) })
	defer slug.Release()
	defer size.Release()

	// The "application" script, running synchronously against the exported API.
	app := js.Global().Get("Function").New(`
		const out = [];
		out.push(gotools.slugify("Hello, WebAssembly World!"));
		out.push(gotools.humanBytes(3 * 1024 * 1024 + 512 * 1024));
		out.push(gotools.slugify("  Go 1.24 -- release notes "));
		return out.join("|");
	`)
	got := app.Invoke().String()
	fmt.Println(got)
	if got == "hello-webassembly-world|3.5 MiB|go-1-24-release-notes" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
