module example.com/conf.v2

go 1.22
