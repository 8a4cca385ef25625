module example.com/app

go 1.24

require (
	example.com/limits v0.0.0
	example.com/sizes v0.0.0
)

replace (
	example.com/limits => ../limits
	example.com/sizes => ../sizes
)
