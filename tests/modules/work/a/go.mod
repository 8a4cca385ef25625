module example.com/a

go 1.22

require example.com/wdep v1.0.0

replace example.com/wdep => ../wdep-old
