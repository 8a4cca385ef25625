// A module before go 1.17: an unpruned module graph, versions chosen by MVS.
module example.com/legacy

go 1.16

require (
	example.com/olda v1.0.0
	example.com/oldb v1.1.0
)
