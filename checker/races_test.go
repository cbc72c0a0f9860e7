package checker

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The files in testdata/races are real race detector reports of Go 1.26
// (go test -race or go run -race with GORACE='atexit_sleep_ms=0
// suppress_equal_stacks=0'), with the module directory rewritten to /src/m.

func TestParseRacesRecorded(t *testing.T) {
	type report struct {
		accesses  []Access
		starts    []GoroutineStart
		variable  string
		truncated bool
	}
	// startedBy is the creation stack of a goroutine started at fn
	// (file:line) by the test function test (testFile:testLine).
	startedBy := func(fn, file string, line int, test, testFile string, testLine int) []Frame {
		return []Frame{
			{Func: fn, File: file, Line: line},
			{Func: test, File: testFile, Line: testLine},
			{Func: "testing.tRunner", File: "/usr/local/go/src/testing/testing.go", Line: 2036},
			{Func: "testing.(*T).Run.gowrap1", File: "/usr/local/go/src/testing/testing.go", Line: 2101},
		}
	}
	const mapassign = "runtime.mapassign_faststr"
	countFunc1 := []Frame{{Func: "example.com/m.Count.func1", File: "/src/m/count.go", Line: 15}}
	countStart := startedBy("example.com/m.Count", "/src/m/count.go", 12, "example.com/m.TestCount", "/src/m/count_test.go", 6)
	threeStart := func(line int) []Frame {
		return startedBy("example.com/m.Three", "/src/m/three.go", line, "example.com/m.TestThree", "/src/m/three_test.go", 6)
	}
	collectFunc1 := []Frame{{Func: "example.com/m.Collect.func1", File: "/src/m/collect.go", Line: 13}}
	collectStart := startedBy("example.com/m.Collect", "/src/m/collect.go", 11, "example.com/m.TestCollect", "/src/m/collect_test.go", 6)
	growslice := Frame{Func: "runtime.growslice", File: "/usr/local/go/src/runtime/slice.go", Line: 178}
	// collect is a whole report of the many case: goroutine cur reads
	// (in runtime.growslice if grow) what goroutine prev appended.
	collect := func(cur, prev int, grow bool) report {
		read := collectFunc1
		if grow {
			read = append([]Frame{growslice}, collectFunc1...)
		}
		return report{
			accesses: []Access{
				{Kind: "read", Goroutine: cur, Frames: read},
				{Kind: "write", Previous: true, Goroutine: prev, Frames: collectFunc1},
			},
			starts: []GoroutineStart{
				{Goroutine: cur, State: "running", Frames: collectStart},
				{Goroutine: prev, State: "finished", Frames: collectStart},
			},
		}
	}
	incr := []Frame{
		{Func: "example.com/m.(*counter).incr", File: "/src/m/counter.go", Line: 8},
		{Func: "example.com/m.Run.func1", File: "/src/m/counter.go", Line: 21},
	}
	runStart := startedBy("example.com/m.Run", "/src/m/counter.go", 18, "example.com/m.TestRun", "/src/m/counter_test.go", 6)
	sumFunc1 := []Frame{{Func: "example.com/m.Sum.func1", File: "/src/m/total.go", Line: 16}}
	sumStart := startedBy("example.com/m.Sum", "/src/m/total.go", 13, "example.com/m.TestSum", "/src/m/total_test.go", 6)
	mapWrite := []Frame{
		{Func: mapassign, File: "/usr/local/go/src/internal/runtime/maps/runtime_faststr.go", Line: 263},
		{Func: "example.com/m.Index.func1", File: "/src/m/index.go", Line: 15},
	}
	indexStart := startedBy("example.com/m.Index", "/src/m/index.go", 12, "example.com/m.TestIndex", "/src/m/index_test.go", 6)

	tests := []struct {
		file string
		// capped, if not 0, passes the output through the checker's cap of
		// that many bytes first.
		capped int
		n      int
		// first are the reports at the start of the output, in full.
		first []report
		// more checks the whole output.
		more func(t *testing.T, rs []RaceReport)
		// locations are what diagnoseRace names in /src/m, if not nil.
		locations []Location
	}{
		{
			// n++ on a captured local from two goroutines.
			file: "twogoroutines",
			n:    1,
			first: []report{{
				accesses: []Access{
					{Kind: "read", Goroutine: 10, Frames: countFunc1},
					{Kind: "write", Previous: true, Goroutine: 9, Frames: countFunc1},
				},
				starts: []GoroutineStart{
					{Goroutine: 10, State: "running", Frames: countStart},
					{Goroutine: 9, State: "finished", Frames: countStart},
				},
			}},
		},
		{
			// Goroutine 9 races with 10 on x, and 11 with 10 on y.
			file: "threegoroutines",
			n:    2,
			first: []report{
				{
					accesses: []Access{
						{Kind: "write", Goroutine: 9, Frames: []Frame{{Func: "example.com/m.Three.func1", File: "/src/m/three.go", Line: 14}}},
						{Kind: "write", Previous: true, Goroutine: 10, Frames: []Frame{{Func: "example.com/m.Three.func2", File: "/src/m/three.go", Line: 19}}},
					},
					starts: []GoroutineStart{
						{Goroutine: 9, State: "running", Frames: threeStart(11)},
						{Goroutine: 10, State: "finished", Frames: threeStart(16)},
					},
				},
				{
					accesses: []Access{
						{Kind: "write", Goroutine: 11, Frames: []Frame{{Func: "example.com/m.Three.func3", File: "/src/m/three.go", Line: 25}}},
						{Kind: "write", Previous: true, Goroutine: 10, Frames: []Frame{{Func: "example.com/m.Three.func2", File: "/src/m/three.go", Line: 20}}},
					},
					starts: []GoroutineStart{
						{Goroutine: 11, State: "running", Frames: threeStart(22)},
						{Goroutine: 10, State: "finished", Frames: threeStart(16)},
					},
				},
			},
			more: func(t *testing.T, rs []RaceReport) {
				ids := map[int]bool{}
				for _, r := range rs {
					for _, a := range r.Accesses {
						ids[a.Goroutine] = true
					}
					for _, s := range r.Starts {
						ids[s.Goroutine] = true
					}
				}
				assert.Equal(t, map[int]bool{9: true, 10: true, 11: true}, ids)
			},
		},
		{
			// 20 goroutines append to one slice: the slice header races, and
			// runtime.growslice reads the backing array another appended to.
			file:  "many",
			n:     24,
			first: []report{collect(13, 9, false), collect(13, 9, true)},
			more: func(t *testing.T, rs []RaceReport) {
				ids := map[int]bool{}
				grows := 0
				for i, r := range rs {
					require.Len(t, r.Accesses, 2, "report %d", i)
					require.Len(t, r.Starts, 2, "report %d", i)
					assert.False(t, r.Truncated, "report %d", i)
					cur, prev := r.Accesses[0], r.Accesses[1]
					assert.Equal(t, "read", cur.Kind, "report %d", i)
					assert.Equal(t, Access{Kind: "write", Previous: true, Goroutine: prev.Goroutine, Frames: collectFunc1}, prev, "report %d", i)
					if cur.Frames[0] == growslice {
						grows++
						assert.Equal(t, collectFunc1, cur.Frames[1:], "report %d", i)
					} else {
						assert.Equal(t, collectFunc1, cur.Frames, "report %d", i)
					}
					assert.Equal(t, GoroutineStart{Goroutine: cur.Goroutine, State: "running", Frames: collectStart}, r.Starts[0], "report %d", i)
					assert.Equal(t, GoroutineStart{Goroutine: prev.Goroutine, State: "finished", Frames: collectStart}, r.Starts[1], "report %d", i)
					ids[cur.Goroutine], ids[prev.Goroutine] = true, true
				}
				assert.Equal(t, 5, grows, "reports whose read is in runtime.growslice")
				assert.Len(t, ids, 20, "goroutines named")
				for id := 9; id <= 28; id++ {
					assert.True(t, ids[id], "goroutine %d", id)
				}
			},
		},
		{
			// c.incr() is inlined into the goroutine, yet the report lists it
			// as its own frame (with an offset) above its caller.
			file: "inlined",
			n:    1,
			first: []report{{
				accesses: []Access{
					{Kind: "read", Goroutine: 9, Frames: incr},
					{Kind: "write", Previous: true, Goroutine: 10, Frames: incr},
				},
				starts: []GoroutineStart{
					{Goroutine: 9, State: "running", Frames: runStart},
					{Goroutine: 10, State: "finished", Frames: runStart},
				},
			}},
			// The inlined helper, not its caller, is the place named.
			locations: []Location{
				{Role: "read", Goroutine: 9, File: "/src/m/counter.go", Line: 8, Func: "example.com/m.(*counter).incr"},
				{Role: "write", Goroutine: 10, File: "/src/m/counter.go", Line: 8, Func: "example.com/m.(*counter).incr"},
				{Role: "started", Goroutine: 9, File: "/src/m/counter.go", Line: 18, Func: "example.com/m.Run"},
				{Role: "started", Goroutine: 10, File: "/src/m/counter.go", Line: 18, Func: "example.com/m.Run"},
			},
		},
		{
			// total += i on a package variable. Go's race runtime does not
			// name globals: the report has no "Location is global" line.
			file: "global",
			n:    1,
			first: []report{{
				accesses: []Access{
					{Kind: "read", Goroutine: 10, Frames: sumFunc1},
					{Kind: "write", Previous: true, Goroutine: 9, Frames: sumFunc1},
				},
				starts: []GoroutineStart{
					{Goroutine: 10, State: "running", Frames: sumStart},
					{Goroutine: 9, State: "finished", Frames: sumStart},
				},
				variable: "",
			}},
		},
		{
			// m[k] = v from two goroutines: the innermost frame is the
			// runtime's map assignment, in internal/runtime/maps.
			file: "map",
			n:    1,
			first: []report{{
				accesses: []Access{
					{Kind: "write", Goroutine: 9, Frames: mapWrite},
					{Kind: "write", Previous: true, Goroutine: 10, Frames: mapWrite},
				},
				starts: []GoroutineStart{
					{Goroutine: 9, State: "running", Frames: indexStart},
					{Goroutine: 10, State: "finished", Frames: indexStart},
				},
			}},
			more: func(t *testing.T, rs []RaceReport) {
				for _, a := range rs[0].Accesses {
					assert.Equal(t, mapassign, a.Frames[0].Func)
				}
			},
			locations: []Location{
				{Role: "write", Goroutine: 9, File: "/src/m/index.go", Line: 15, Func: "example.com/m.Index.func1"},
				{Role: "write", Goroutine: 10, File: "/src/m/index.go", Line: 15, Func: "example.com/m.Index.func1"},
				{Role: "started", Goroutine: 9, File: "/src/m/index.go", Line: 12, Func: "example.com/m.Index"},
				{Role: "started", Goroutine: 10, File: "/src/m/index.go", Line: 12, Func: "example.com/m.Index"},
			},
		},
		{
			// go run -race of a main package: the main goroutine reads what
			// a goroutine writes. The main goroutine has no start section.
			file: "maingoroutine",
			n:    1,
			first: []report{{
				accesses: []Access{
					{Kind: "write", Goroutine: 8, Frames: []Frame{{Func: "main.main.func1", File: "/src/m/main.go", Line: 9}}},
					{Kind: "read", Previous: true, Goroutine: 0, Frames: []Frame{{Func: "main.main", File: "/src/m/main.go", Line: 12}}},
				},
				starts: []GoroutineStart{
					{Goroutine: 8, State: "running", Frames: []Frame{{Func: "main.main", File: "/src/m/main.go", Line: 8}}},
				},
			}},
			locations: []Location{
				{Role: "write", Goroutine: 8, File: "/src/m/main.go", Line: 9, Func: "main.main.func1"},
				{Role: "read", Goroutine: 0, File: "/src/m/main.go", Line: 12, Func: "main.main"},
				{Role: "started", Goroutine: 8, File: "/src/m/main.go", Line: 8, Func: "main.main"},
			},
		},
		{
			// The twogoroutines report cut after 8 lines, between the
			// previous access's function and its file line.
			file: "truncated",
			n:    1,
			first: []report{{
				accesses: []Access{
					{Kind: "read", Goroutine: 10, Frames: countFunc1},
					{Kind: "write", Previous: true, Goroutine: 9},
				},
				truncated: true,
			}},
		},
		{
			// The cap keeps 200 bytes of head, cut inside the previous
			// access's function name ("  example.c"), and the tail: the end
			// of a start's stack, the closing line and the test's verdict.
			// Neither the partial name nor the tail joins the report.
			file:   "twogoroutines",
			capped: 400,
			n:      1,
			first: []report{{
				accesses: []Access{
					{Kind: "read", Goroutine: 10, Frames: countFunc1},
					{Kind: "write", Previous: true, Goroutine: 9},
				},
				truncated: true,
			}},
		},
		{
			// The head holds two reports and the start of the third; the
			// tail the end of one report, which is dropped, and the last
			// two reports in full.
			file:   "many",
			capped: 4000,
			n:      5,
			first: []report{
				collect(13, 9, false),
				collect(13, 9, true),
				{accesses: []Access{{Kind: "read", Goroutine: 11}}, truncated: true},
				collect(26, 27, false),
				collect(24, 26, false),
			},
		},
	}
	for _, tt := range tests {
		name := tt.file
		if tt.capped > 0 {
			name += "_capped"
		}
		t.Run(name, func(t *testing.T) {
			out, err := os.ReadFile(filepath.Join("testdata", "races", tt.file+".txt"))
			require.NoError(t, err)
			if tt.capped > 0 {
				c := newCappedText(tt.capped)
				c.WriteString(string(out))
				require.True(t, c.Truncated())
				out = []byte(c.String())
			}
			rs := ParseRaces(string(out))
			require.Len(t, rs, tt.n)
			for i, want := range tt.first {
				got := rs[i]
				assert.Equal(t, want.accesses, got.Accesses, "report %d", i)
				assert.Equal(t, want.starts, got.Starts, "report %d", i)
				assert.Equal(t, want.variable, got.Variable, "report %d", i)
				assert.Equal(t, want.truncated, got.Truncated, "report %d", i)
			}
			if tt.more != nil {
				tt.more(t, rs)
			}
			if tt.locations != nil {
				locs, _ := classifier{root: "/src/m"}.diagnoseRace(string(out))
				assert.Equal(t, tt.locations, locs)
			}
		})
	}
}
