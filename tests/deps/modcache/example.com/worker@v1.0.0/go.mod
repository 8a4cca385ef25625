module example.com/worker

go 1.22

require example.com/pool v1.0.0
