module example.com/tinygo

go 1.22

require example.com/waiter v1.0.0
