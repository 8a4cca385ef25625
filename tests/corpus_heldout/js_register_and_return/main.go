//go:build js && wasm

// js_register_and_return: a validation module for a sign-up form: it registers a Go
// validator as a global JS function and wires a (simulated) form submission to it; the
// submission handler prints the verdict for two sample e-mail addresses.
package main

import (
	"fmt"
	"strings"
	"syscall/js"
)

func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " \t")
}

func main() {
	validate := js.FuncOf(func(this js.Value, args []js.Value) any {
		return validEmail(args[0].String())
	})
	js.Global().Set("validateEmail", validate)

	report := js.FuncOf(func(this js.Value, args []js.Value) any {
		good, bad := args[0].Bool(), args[1].Bool()
		fmt.Printf("good address accepted: %v, bad address rejected: %v\n", good, !bad)
		if good && !bad {
			fmt.Println("RESULT OK")
		} else {
			fmt.Println("RESULT WRONG")
		}
		return nil
	})
	js.Global().Set("reportValidation", report)

	// The form's submit handler, run by the page after this module has loaded.
	submit := js.Global().Get("Function").New(`
		reportValidation(validateEmail("ann@example.com"), validateEmail("not an email"));`)
	js.Global().Call("setTimeout", submit, 0)
	fmt.Println("validator registered")
}
