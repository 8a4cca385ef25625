module example.com/store

go 1.22

require example.com/wire v0.0.0

replace example.com/wire => ../wire
