module example.com/callback

go 1.22

require example.com/fetcher v1.0.0
