// Allocates short-lived 1 KiB buffers while keeping 8 MiB of them alive, under
// four collector settings in turn, so that GODEBUG=gctrace=1 shows how GOGC and
// the memory limit move the heap goal ("# MB goal") of each cycle.
//
// Run it through gctrace.sh, which builds it and records the trace.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

const (
	bufSize  = 1 << 10  // each allocation: 1 KiB
	liveBufs = 8 << 10  // 8,192 of them stay reachable: 8 MiB of live heap
	churn    = 64 << 10 // allocations per phase: 64 MiB, almost all garbage
)

// live is a ring of buffers: each new buffer replaces the oldest, which
// becomes garbage. The live heap stays at about liveBufs * bufSize.
var live = make([][]byte, liveBufs)

func allocate(start int) {
	for i := start; i < start+churn; i++ {
		live[i%liveBufs] = make([]byte, bufSize)
	}
}

func report(phase string) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("%-34s NumGC=%-3d NextGC=%d MiB  HeapAlloc=%d MiB\n",
		phase, m.NumGC, m.NextGC>>20, m.HeapAlloc>>20)
}

func main() {
	allocate(0)
	report("GOGC=100 (default)")

	debug.SetGCPercent(200) // what GOGC=200 would set at start-up
	allocate(churn)
	report("SetGCPercent(200)")

	debug.SetGCPercent(-1)         // GOGC=off: no proportional goal at all...
	debug.SetMemoryLimit(40 << 20) // ...but GOMEMLIMIT=40MiB still bounds the heap
	allocate(2 * churn)
	report("SetGCPercent(-1), limit 40 MiB")

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(1<<63 - 1) // no limit, the default
	runtime.GC()                    // a forced cycle: its trace line ends "(forced)"
	report("runtime.GC()")
}
