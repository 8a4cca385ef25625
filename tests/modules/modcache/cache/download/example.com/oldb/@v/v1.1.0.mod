module example.com/oldb

go 1.16

require example.com/oldc v0.1.0
