package checker

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// source parses Go source text as a one-file package.
func source(t *testing.T, text string) *Source {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", text, parser.ParseComments)
	require.NoError(t, err)
	return &Source{Fset: fset, Files: []*ast.File{f}}
}

const shipped = `package main

import "time"

func work() { time.Sleep(time.Millisecond) }

func run() {
	go work()
	go work()
}
`

func TestRules(t *testing.T) {
	tests := []struct {
		rule string
		code string
		want []string
	}{
		{"no-sleep", shipped, nil},
		{"no-sleep", `package main

import pause "time"

func work() { pause.Sleep(1) }

func run() {
	go work()
	pause.Sleep(100)
}
`, []string{"main.go:9:2: run sleeps to wait: it sleeps 1 time(s) here, 0 as shipped"}},
		{"no-sleep", `package main

import "time"

func run() {
	go work()
	go work()
	<-time.After(100)
}

func work() { time.Sleep(time.Millisecond) }
`, []string{"main.go:8:2: run sleeps to wait: it sleeps 1 time(s) here, 0 as shipped"}},
		{"no-sleep", `package main

import "time"

// The sleep moved with the work into a function of its own; a timer
// raced in a select is a timeout, not a sleep.
func run() {
	for range 2 {
		go func() { doWork() }()
	}
	select {
	case <-time.After(time.Second):
	default:
	}
}

func doWork() { time.Sleep(time.Millisecond) }
`, nil},
		{"keep-go", shipped, nil},
		{"keep-go", "package main\n\nfunc run() { work(); go work() }\n\nfunc work() {}\n", []string{"main.go: goroutines started in 2 places as shipped, 1 now: keep the work concurrent"}},
		{"keep-go", "package main\n\nimport \"sync\"\n\nfunc run() {\n\tvar wg sync.WaitGroup\n\twg.Go(work)\n\twg.Go(work)\n\twg.Wait()\n}\n\nfunc work() {}\n", nil},
		{"keep-build-line", "//go:build go1.21\n\n" + shipped, []string{"main.go:1: the shipped file starts with //go:build go1.21: keep it"}},
		{"no-scheduler", "package main\n\nimport \"runtime\"\n\nfunc run() {\n\truntime.Gosched()\n\truntime.GOMAXPROCS(1)\n}\n", []string{
			"main.go:6:2: runtime.Gosched changes the timing, not the synchronization",
			"main.go:7:2: runtime.GOMAXPROCS changes the timing, not the synchronization",
		}},
		{"keep-go", "package main\n\nfunc run() { spawn(work); spawn(work) }\n\nfunc spawn(f func()) { go f() }\n\nfunc work() {}\n", nil},
		{"no-recover", shipped, nil},
		{"no-recover", "package main\n\nfunc run() {\n\tdefer func() { recover() }()\n\tgo work()\n\tgo work()\n}\n\nfunc work() {}\n", []string{
			"main.go:4:17: run hides a panic with recover(): 1 time(s) here, 0 as shipped; fix what panics instead",
		}},
		{"no-spin", "package main\n\nimport \"sync/atomic\"\n\nvar ready atomic.Bool\n\nfunc run() {\n\tgo work()\n\tfor !ready.Load() {\n\t}\n}\n\nfunc work() { ready.Store(true) }\n", []string{
			"main.go:9:2: busy-wait: this loop polls ready.Load() until another goroutine changes it; block on a channel, a WaitGroup, a Cond or a Mutex instead",
		}},
		{"no-spin", "package main\n\nimport \"sync/atomic\"\n\nvar n atomic.Int64\n\nfunc add() {\n\tfor {\n\t\told := n.Load()\n\t\tif n.CompareAndSwap(old, old+1) {\n\t\t\treturn\n\t\t}\n\t}\n}\n", nil},
		{"no-norace", "package main\n\nvar n int\n\n//go:norace\nfunc add() { n++ }\n", []string{
			"main.go:5:1: //go:norace hides this function's races from the race detector instead of fixing them",
		}},
		{"no-norace", "//go:build !race\n\npackage main\n", []string{
			"main.go:1: //go:build !race makes the code differ under the race detector: fix the race in the code everyone runs",
		}},
		{"no-test-detect", "package main\n\nimport \"testing\"\n\nfunc quick() bool { return testing.Testing() }\n", []string{
			"main.go:5:28: testing.Testing() tells the tests from a real run: the code must behave the same in both",
		}},
		{"no-goroutine-id", "package main\n\nimport (\n\t\"runtime\"\n\t\"strconv\"\n)\n\nfunc id() int {\n\tb := make([]byte, 64)\n\tb = b[:runtime.Stack(b, false)]\n\tn, _ := strconv.Atoi(string(b[len(\"goroutine \"):12]))\n\treturn n\n}\n", []string{
			"main.go:10:9: runtime.Stack is parsed for the goroutine id: synchronize instead of keeping state per goroutine",
		}},
		{"atomic-rmw", "package main\n\nimport \"sync/atomic\"\n\nvar hits atomic.Int64\n\nfunc hit() { hits.Store(hits.Load() + 1) }\n", []string{
			"main.go:7:14: lost update: hits.Store writes back what was loaded from hits, and an update made in between is lost; use hits.Add or CompareAndSwap",
		}},
		{"atomic-rmw", "package main\n\nimport \"sync/atomic\"\n\nvar hits atomic.Int64\n\nfunc hit() { hits.Add(1) }\n", nil},
		{"one-critical-section", "package main\n\nimport \"sync\"\n\nvar (\n\tmu    sync.Mutex\n\tviews int\n)\n\nfunc hit() {\n\tmu.Lock()\n\tv := views\n\tmu.Unlock()\n\tmu.Lock()\n\tviews = v + 1\n\tmu.Unlock()\n}\n", []string{
			"main.go:15:2: check and write in two critical sections: views was read under mu on line 12, mu was unlocked, and this write under mu acts on that stale value; another goroutine can change views in between, so check and write it while holding mu once",
		}},
		{"one-critical-section", "package main\n\nimport \"sync\"\n\nvar (\n\tmu    sync.Mutex\n\tviews int\n)\n\nfunc hit() {\n\tmu.Lock()\n\tviews++\n\tmu.Unlock()\n}\n", nil},
		{"stop-ticker", "package main\n\nimport \"time\"\n\nfunc tick() {\n\tt := time.NewTicker(time.Second)\n\t<-t.C\n}\n", []string{
			"main.go:6:7: ticker never stopped: t is not stopped in this function, so it keeps ticking after the work is done; add defer t.Stop() right after creating it",
		}},
		{"stop-ticker", "package main\n\nimport \"time\"\n\nfunc tick() {\n\tt := time.NewTicker(time.Second)\n\tdefer t.Stop()\n\t<-t.C\n}\n", nil},
		{"no-drop-send", "package main\n\nfunc send(out chan int) {\n\tselect {\n\tcase out <- 1:\n\tdefault:\n\t}\n}\n", []string{
			"main.go:5:7: dropped send: this select takes its default when no receiver is waiting on out at that moment, and the value is lost; send without a default (give the channel a buffer if the sender must not wait)",
		}},
		{"no-drop-send", "package main\n\nfunc poll(in chan int) {\n\tselect {\n\tcase <-in:\n\tdefault:\n\t}\n}\n", nil},
		{"atomic-rmw", "package main\n\nimport \"sync/atomic\"\n\nvar hits atomic.Int64\n\nfunc hit() {\n\told := hits.Load()\n\thits.CompareAndSwap(old, old+1)\n}\n", []string{
			"main.go:9:2: lost update: hits.CompareAndSwap ignores whether it swapped, so when another goroutine changed hits since the Load the update is simply lost; retry in a loop until CompareAndSwap returns true, or use Add",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			r, ok := LookupRule(tt.rule)
			require.True(t, ok)
			var got []string
			base := shipped
			if tt.rule == "keep-build-line" {
				base, tt.code = tt.code, shipped
			}
			for _, f := range r.check(source(t, tt.code), source(t, base)) {
				got = append(got, f.String())
			}
			assert.Equal(t, tt.want, got)
		})
	}
	_, ok := LookupRule("no-such-rule")
	assert.False(t, ok)
}

// TestRulesListed checks that every rule is known by name and explains
// itself in one lowercase sentence.
func TestRulesListed(t *testing.T) {
	var names []string
	for _, r := range Rules {
		names = append(names, r.Name)
		assert.NotEmpty(t, r.Explain, r.Name)
		assert.NotContains(t, r.Explain, ". ", r.Name)
		assert.False(t, strings.HasSuffix(r.Explain, "."), r.Name)
		assert.Equal(t, strings.ToLower(r.Explain[:1]), r.Explain[:1], r.Name)
	}
	assert.Equal(t, []string{"no-sleep", "keep-go", "keep-build-line", "no-scheduler", "no-recover",
		"no-spin", "no-norace", "no-test-detect", "no-goroutine-id", "atomic-rmw", "one-critical-section", "stop-ticker", "no-drop-send", "send-or-cancel"}, names)
}

// TestRulesWithoutBaseline checks that the rules that compare with the
// shipped code report nothing they cannot compare.
func TestRulesWithoutBaseline(t *testing.T) {
	code := source(t, "//go:build go1.21\n\npackage main\n\nfunc run() { defer func() { recover() }() }\n")
	for _, name := range []string{"keep-go", "keep-build-line"} {
		r, _ := LookupRule(name)
		assert.Empty(t, r.check(code, nil), name)
	}
	r, _ := LookupRule("no-recover")
	assert.Len(t, r.check(code, nil), 1)
}

func TestIsTestFunc(t *testing.T) {
	src := source(t, `package main

import "testing"

func TestA(t *testing.T)     {}
func Testb(t *testing.T)     {}
func TestMain(m *testing.M)  {}
func Test(t *testing.T)      {}
func BenchmarkA(b *testing.B) {}
func TestHelper(x int)       {}
`)
	var names []string
	for _, d := range src.Files[0].Decls {
		if n, ok := isTestFunc(d); ok {
			names = append(names, n)
		}
	}
	assert.Equal(t, []string{"TestA", "Test"}, names)
}
