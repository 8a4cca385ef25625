module example.com/deep

go 1.22

require example.com/deeper v1.0.0
