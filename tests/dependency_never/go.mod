module example.com/never

go 1.22

require example.com/serve v0.0.0

replace example.com/serve => ./third_party/serve
