module example.com/rc

go 1.20
