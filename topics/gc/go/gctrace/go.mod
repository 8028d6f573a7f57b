module prep.dev/gctrace

go 1.19
