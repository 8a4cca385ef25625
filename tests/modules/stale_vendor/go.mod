module example.com/stale

go 1.22

require example.com/swapped v1.1.0
