module example.com/app

go 1.22

require (
	example.com/store v0.0.0
	example.com/wire v0.0.0
)

replace (
	example.com/store => ../store
	example.com/wire => ../wire
)
