module example.com/Upper/hazard

go 1.22
