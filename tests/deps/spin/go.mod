module example.com/spin

go 1.22

require (
	example.com/fetcher v1.0.0
	example.com/poller v1.0.0
	example.com/ticker v1.0.0
)
