package main

import (
	"fmt"
	"sync"
)

func main() {
	var n int
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100000; i++ {
				n++ // read, add, write: unsynchronized
			}
		}()
	}
	wg.Wait()
	fmt.Println(n)
}
