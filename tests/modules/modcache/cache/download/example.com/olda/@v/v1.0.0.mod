module example.com/olda

go 1.16

require (
	example.com/oldb v1.1.0
	example.com/oldc v0.0.9
)
