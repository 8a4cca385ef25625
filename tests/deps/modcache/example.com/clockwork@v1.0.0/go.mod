module example.com/clockwork

go 1.22
