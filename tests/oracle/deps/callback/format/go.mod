module example.com/format

go 1.22
