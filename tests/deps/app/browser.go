package main

import (
	"net/http"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func serve() {
	app.RunWhenOnBrowser()
	http.Handle("/", &app.Handler{Name: "demo"})
	http.ListenAndServe(":8000", nil) // want "WV305"
	runLocal()
}

// runLocal only runs after app.RunWhenOnBrowser: never on js.
func runLocal() {
	http.ListenAndServe(":8001", nil) // want "WV305"
	listen()
}

func listen() {
	http.ListenAndServe(":8002", nil) // want "WV305"
}

func alsoCalledLive() {
	http.ListenAndServe(":8003", nil) // want "WV305"
}

func init() {
	alsoCalledLive()
}

func afterwards() {
	app.RunWhenOnBrowser()
	alsoCalledLive()
}
