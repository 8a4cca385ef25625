module example.com/tinygo

go 1.22

require (
	example.com/pool v1.0.0
	example.com/waiter v1.0.0
	example.com/worker v1.0.0
)
