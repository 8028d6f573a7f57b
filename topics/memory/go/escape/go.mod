module prep.dev/escape

go 1.19
