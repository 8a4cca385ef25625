module example.com/oldc

go 1.16
