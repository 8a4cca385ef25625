module example.com/app

go 1.22

require (
	example.com/format v0.0.0
	example.com/logger v0.0.0
)

replace (
	example.com/format => ../format
	example.com/logger => ../logger
)
