module example.com/deeper

go 1.22
