module example.com/wdep

go 1.22
