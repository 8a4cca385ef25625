//go:build js && wasm

// js_vdom_render: build a small table as plain JS objects (as you would hand to a
// virtual-DOM library), serialise it with JSON.stringify and read it back.
package main

import (
	"fmt"
	"sort"
	"syscall/js"
)

type row struct {
	Name  string
	Stars int
}

type node = map[string]any

func el(tag string, props map[string]any, children ...any) js.Value {
	o := js.Global().Get("Object").New()
	o.Set("tag", tag)
	if props != nil {
		o.Set("props", js.ValueOf(props))
	}
	kids := js.Global().Get("Array").New()
	for _, c := range children {
		kids.Call("push", c)
	}
	o.Set("children", kids)
	return o
}

func table(rows []row) js.Value {
	sort.Slice(rows, func(i, j int) bool { return rows[i].Stars > rows[j].Stars })
	body := make([]any, 0, len(rows))
	for i, r := range rows {
		cls := "odd"
		if i%2 == 0 {
			cls = "even"
		}
		body = append(body, el("tr", node{"class": cls},
			el("td", nil, r.Name),
			el("td", node{"align": "right"}, fmt.Sprint(r.Stars))))
	}
	return el("table", node{"id": "repos"}, el("tbody", nil, body...))
}

func main() {
	tree := table([]row{{"wazero", 5100}, {"tinygo", 15000}, {"wasmtime", 15500}, {"extism", 4600}})
	json := js.Global().Get("JSON")
	out := json.Call("stringify", tree).String()
	fmt.Println(out[:80] + "...")

	back := json.Call("parse", out)
	first := back.Get("children").Index(0).Get("children").Index(0)
	name := first.Get("children").Index(0).Get("children").Index(0).String()
	rows := back.Get("children").Index(0).Get("children").Length()
	fmt.Println("top repo:", name, "rows:", rows)
	if name == "wasmtime" && rows == 4 && first.Get("props").Get("class").String() == "even" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
