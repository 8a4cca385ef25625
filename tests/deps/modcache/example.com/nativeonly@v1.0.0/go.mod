module example.com/nativeonly

go 1.22
