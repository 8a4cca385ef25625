module example.com/logger

go 1.22

require example.com/format v0.0.0

replace example.com/format => ../format
