module github.com/Upper/Case

go 1.20
