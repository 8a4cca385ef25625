module example.com/rpcclient

go 1.22
