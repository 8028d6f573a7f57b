module racecounter

go 1.19
