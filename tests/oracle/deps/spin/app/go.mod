module example.com/app

go 1.22

require example.com/poller v0.0.0

replace example.com/poller => ../poller
