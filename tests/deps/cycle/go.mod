module example.com/cycleapp

go 1.22

require example.com/cycle v1.0.0
