module example.com/serve

go 1.22
