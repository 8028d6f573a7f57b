// Command appendcaps prints, as CSV, the capacity Go's append really gives a
// slice, for element types without pointers of several sizes.
//
// Each row is oldCap,newLen,elemSize,newCap: a slice with len == cap == oldCap
// received newLen-oldCap more elements in one append and came back with
// capacity newCap. Two kinds of rows:
//
//   - growth by one element: append(s, x) repeated until len reaches 5000;
//     a row is printed each time the capacity changes;
//   - growth by many elements: append(s, make([]T, k)...) from a few starting
//     capacities, for several k.
//
// The slice is stored in a package-level sink on every iteration so it escapes
// to the heap: recent compilers (Go 1.25+) may otherwise keep small backing
// arrays on the stack, where growth does not follow the heap's size classes.
//
// Run from this directory (Go is not needed to build Prep):
//
//	go run . > ../../src/main/resources/dev/prep/slices/append-caps.csv
package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"unsafe"
)

var sink any // every slice is stored here, so it escapes to the heap

// maxLen bounds growth-by-one: it crosses the 256-element threshold and the
// 32 KiB boundary between size classes and whole pages for every size below.
const maxLen = 5000

var starts = []int{0, 1, 2, 3, 4, 5, 7, 8, 10, 100, 255, 256, 300, 512, 1000, 1024, 4000}
var adds = []int{1, 2, 3, 5, 9, 17, 100, 257, 1000}

func main() {
	version := strings.TrimSpace(runtime.Version())
	fmt.Printf("# go version %s %s/%s; GOARCH=%s; command: go run . (topics/slices/go/appendcaps)\n",
		version, runtime.GOOS, runtime.GOARCH, runtime.GOARCH)
	fmt.Println("oldCap,newLen,elemSize,newCap")
	table[[1]byte]()
	table[[2]byte]()
	table[[4]byte]()
	table[[8]byte]()
	table[[12]byte]()
	table[[16]byte]()
	table[[24]byte]()
	table[[32]byte]()
	table[[40]byte]()
	table[[48]byte]()
	table[[64]byte]()
	table[[100]byte]()
}

// table prints the rows for one element type E (a byte array: no pointers).
func table[E any]() {
	var zero E
	size := sizeOf(zero)
	byOne[E](size)
	byMany[E](size)
}

func byOne[E any](size int) {
	var s []E
	var e E
	for len(s) < maxLen {
		oldCap := cap(s)
		s = append(s, e)
		sink = s
		if cap(s) != oldCap {
			row(oldCap, len(s), size, cap(s))
		}
	}
}

func byMany[E any](size int) {
	for _, start := range starts {
		for _, k := range adds {
			s := make([]E, start) // len == cap == start
			sink = s
			if cap(s) != start {
				fmt.Fprintf(os.Stderr, "make gave cap %d, want %d\n", cap(s), start)
				os.Exit(1)
			}
			s = append(s, make([]E, k)...)
			sink = s
			row(start, start+k, size, cap(s))
		}
	}
}

func sizeOf[E any](e E) int {
	return int(unsafe.Sizeof(e))
}

var seen = map[[3]int]bool{}

// row prints one CSV row, once: growth by one and by many can meet.
func row(oldCap, newLen, size, newCap int) {
	key := [3]int{oldCap, newLen, size}
	if !seen[key] {
		seen[key] = true
		fmt.Printf("%d,%d,%d,%d\n", oldCap, newLen, size, newCap)
	}
}
