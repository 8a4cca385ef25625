module example.com/swapped

go 1.22
