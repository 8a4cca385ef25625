module example.com/wide

go 1.22
