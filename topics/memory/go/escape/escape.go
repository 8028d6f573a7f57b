// Command escape holds one small function per escape-analysis case that
// notebook 02 (topics/memory/notebooks/02-escape-analysis.md) discusses.
// Nothing here is meant to run usefully; what matters is what the compiler
// decides, which gcflags.sh records:
//
//	./gcflags.sh    # writes gcflags-m.txt (-gcflags=-m) and gcflags-m2.txt (-m=2)
//
// Line numbers in those files point into this file, so after an edit run the
// script again; GoEscapeOutputTest checks that every line the notebook
// quotes is still in them.
package main

import (
	"fmt"
	"io"
)

type point struct{ x, y int }

var sink *point

// Returning the address of a local: p must outlive the frame.
//
//go:noinline
func newPointNoInline() *point {
	p := point{1, 2}
	return &p
}

// The same body, small enough to inline: each caller gets its own copy.
func newPoint() *point {
	p := point{3, 4}
	return &p
}

// After inlining newPoint, the pointer never leaves sumOfNewPoint.
func sumOfNewPoint() int {
	q := newPoint()
	return q.x + q.y
}

// Taking an address is not escaping: p is used only here.
func sumLocal() int {
	p := &point{7, 8}
	return p.x + p.y
}

// Stored in a package-level variable: reachable after the return.
func storeGlobal() {
	p := point{5, 6}
	sink = &p
}

// Sent on a channel: another goroutine may receive it.
func sendOnChannel(ch chan *point) {
	p := point{9, 10}
	ch <- &p
}

// Stored into an object that is itself on the heap.
type holder struct{ p *point }

func storeInHeapObject(h *holder) {
	p := point{11, 12}
	h.p = &p
}

// A closure that outlives the frame captures n by reference.
func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

// A closure called in place: n stays on the stack.
func countInPlace() int {
	n := 0
	inc := func() { n++ }
	inc()
	inc()
	return n
}

// Passing a value to fmt.Println converts it to an interface (any).
func printIt(n int) {
	fmt.Println(n)
}

// A constant size below 64 KiB: stays on the stack.
func smallMake() int {
	s := make([]int, 1000) // 8,000 bytes
	return len(s)
}

// A constant size above 64 KiB (MaxImplicitStackVarSize): heap.
func bigMake() int {
	s := make([]int, 10000) // 80,000 bytes
	return len(s)
}

// A size known only at run time: heap (before Go 1.25).
func unknownSizeMake(n int) int {
	s := make([]int, n)
	return len(s)
}

// An explicitly declared array may be larger: up to 10 MiB (MaxStackVarSize).
func bigArray() int {
	var a [100000]int // 800,000 bytes
	return len(a)
}

// ... but not larger than 10 MiB.
func hugeArray() int {
	var a [2000000]int // 16,000,000 bytes
	return len(a)
}

// A call through a func variable: the compiler cannot see the callee.
var visit func(*point)

func callUnknownFunc() {
	p := point{13, 14}
	visit(&p)
}

// A call through an interface: any Writer may keep the slice it is given.
func writeViaInterface(w io.Writer) {
	buf := [8]byte{'e', 's', 'c', 'a', 'p', 'e', 'd', '\n'}
	w.Write(buf[:])
}

// main calls nothing: the compiler analyses every function anyway, and calls
// from here would only add inlined copies to the output.
func main() {}
