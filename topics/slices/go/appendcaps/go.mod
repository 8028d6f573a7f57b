module prep.dev/appendcaps

go 1.19
