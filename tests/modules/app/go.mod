// The main module of the fixtures: every source of dependencies at once.
module example.com/app

go 1.22

require (
	example.com/localdep v1.0.0
	example.com/missing v0.3.0 // a module that is not in the fake module cache
	example.com/nested v0.0.0-00010101000000-000000000000
	example.com/rc v1.0.0-RC1
	example.com/swapped v1.0.0
	"github.com/Upper/Case" v1.2.3 // indirect
)

require example.com/unused v1.0.0 // required, never imported: no note

replace example.com/localdep => ../localdep

replace (
	example.com/swapped v1.0.0 => example.com/swapped v1.1.0
	example.com/nested => ./nested
)

exclude example.com/swapped v0.9.0
