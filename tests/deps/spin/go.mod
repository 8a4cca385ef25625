module example.com/spin

go 1.22

require example.com/fetcher v1.0.0
