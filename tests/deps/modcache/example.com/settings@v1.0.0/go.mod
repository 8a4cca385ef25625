module example.com/settings

go 1.22

require example.com/conf.v2 v2.0.0
