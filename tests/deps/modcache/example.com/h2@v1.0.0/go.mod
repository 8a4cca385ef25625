module example.com/h2

go 1.22
