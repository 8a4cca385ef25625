module example.com/app

go 1.22

require example.com/ui v0.0.0

replace example.com/ui => ../ui
