module example.com/localdep

go 1.21
