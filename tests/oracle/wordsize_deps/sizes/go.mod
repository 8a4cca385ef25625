module example.com/sizes

go 1.24

require example.com/limits v0.0.0
