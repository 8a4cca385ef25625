module example.com/app2

go 1.22

require example.com/local v0.0.0
