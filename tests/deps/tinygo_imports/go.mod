module example.com/tinygoimports

go 1.22

require (
	example.com/clock v1.0.0
	example.com/clockwork v1.0.0
	example.com/h2 v1.0.0
	example.com/limits v1.0.0
	example.com/nativeonly v1.0.0
	example.com/rpcclient v1.0.0
	example.com/sizes v1.0.0
	example.com/wide v1.0.0
)
