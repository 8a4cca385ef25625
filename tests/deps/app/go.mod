module example.com/app

go 1.22

require (
	example.com/Upper/hazard v1.0.0
	example.com/conf.v2 v2.0.0
	example.com/deep v1.2.0
	example.com/deeper v1.0.0
	example.com/local v0.0.0
	example.com/missing v1.0.0
	example.com/old v1.0.0
	example.com/settings v1.0.0
	github.com/maxence-charriere/go-app/v10 v10.1.9
)

replace example.com/local => ../local

replace example.com/old => example.com/swapped v2.0.0
