package checker

import (
	"go/ast"
	"go/parser"
	"go/token"
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
