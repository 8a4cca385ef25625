module example.com/poller

go 1.22

require example.com/ticker v1.0.0
