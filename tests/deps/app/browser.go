package main

import (
	"net/http"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func serve() {
	app.RunWhenOnBrowser()
	http.Handle("/", &app.Handler{Name: "demo"})
	http.ListenAndServe(":8000", nil) // want "WV305"
}
