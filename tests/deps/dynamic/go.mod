module example.com/dynamicapp

go 1.22

require example.com/dynamic v1.0.0
