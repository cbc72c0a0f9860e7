package checker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// verified stands for a grader that vouches for a package's own files.
func verified() (bool, error) { return false, nil }

// writeFile writes content into a new file of dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestShareKey(t *testing.T) {
	dir := t.TempDir()
	target := "/kit/exercises/01/main.go"
	code := writeFile(t, dir, "a.go", "package main // one\n")
	sameCode := writeFile(t, dir, "b.go", "package main // one\n")
	otherCode := writeFile(t, dir, "c.go", "package main // two\n")
	base := Options{Dir: "/kit/exercises/01", Overlay: map[string]string{target: code}, Timeout: time.Second, Verify: verified}
	with := func(change func(*Options)) Options {
		o := base
		change(&o)
		return o
	}
	key := shareKey(base)
	require.NotEmpty(t, key)
	tests := []struct {
		name string
		opts Options
		// same reports that the key must be base's; empty that none.
		same, empty bool
	}{
		{"the same code from another folder", with(func(o *Options) { o.Overlay = map[string]string{target: sameCode} }), true, false},
		{"other code", with(func(o *Options) { o.Overlay = map[string]string{target: otherCode} }), false, false},
		{"the file deleted", with(func(o *Options) { o.Overlay = map[string]string{target: ""} }), false, false},
		{"the code laid over another file", with(func(o *Options) { o.Overlay = map[string]string{target + "x": code} }), false, false},
		{"another package", with(func(o *Options) { o.Dir += "x" }), false, false},
		{"another limit", with(func(o *Options) { o.Timeout = 2 * time.Second }), false, false},
		{"other CPU counts", with(func(o *Options) { o.CPU = []int{2} }), false, false},
		{"other confirmations", with(func(o *Options) { o.Confirm = []int{1, 2} }), false, false},
		{"other rules", with(func(o *Options) { o.Rules = Rules[:1] }), false, false},
		{"other expected tests", with(func(o *Options) { o.Expected = []string{"TestX"} }), false, false},
		{"the leak check", with(func(o *Options) { o.FindLeaks = true }), false, false},
		{"another baseline overlay", with(func(o *Options) { o.BaselineOverlay = map[string]string{target: code} }), false, false},
		{"files the grader does not verify", with(func(o *Options) { o.Verify = nil }), false, true},
		{"an overlay file that cannot be read", with(func(o *Options) { o.Overlay = map[string]string{target: filepath.Join(dir, "missing.go")} }), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shareKey(tt.opts)
			switch {
			case tt.empty:
				assert.Empty(t, got)
			case tt.same:
				assert.Equal(t, key, got)
			default:
				assert.NotEmpty(t, got)
				assert.NotEqual(t, key, got)
			}
		})
	}
}

func TestSharedResults(t *testing.T) {
	ctx := context.Background()
	s := &sharedResults{entries: map[string]*sharedResult{}}

	// The owner's result reaches the one waiting, as a copy of its own.
	e, owner := s.claim("a")
	require.True(t, owner)
	waiting, owner := s.claim("a")
	require.False(t, owner)
	res := &Result{Verdict: Fail, Runs: []Run{{Verdict: Fail, Tests: []TestResult{{Name: "TestA", Verdict: Fail}}}}}
	s.finish("a", e, res)
	got, ok := s.wait(ctx, waiting)
	require.True(t, ok)
	assert.Equal(t, res, got)
	got.Runs[0].Tests[0].Message = "changed by its user"
	got.Message = "changed by its user"
	again, ok := s.wait(ctx, waiting)
	require.True(t, ok)
	assert.Equal(t, res, again, "a user's change reached the kept result")
	res.Runs[0].Verdict = Pass
	assert.Equal(t, Fail, again.Runs[0].Verdict, "the owner's change reached the kept result")
	assert.Equal(t, int64(2), s.hits.Load())

	// No result, or an error: those waiting check on their own, and so
	// does the next check.
	for _, failed := range []*Result{nil, {Err: context.Canceled}} {
		e, _ = s.claim("b")
		waiting, _ = s.claim("b")
		s.finish("b", e, failed)
		_, ok = s.wait(ctx, waiting)
		assert.False(t, ok)
		next, owner := s.claim("b")
		assert.True(t, owner, "a failed check was kept")
		s.finish("b", next, nil)
	}

	// A result past the output budget is given to those waiting, not
	// kept.
	e, _ = s.claim("c")
	waiting, _ = s.claim("c")
	s.finish("c", e, &Result{Verdict: Fail, Output: strings.Repeat("x", maxSharedOutput+1)})
	_, ok = s.wait(ctx, waiting)
	assert.True(t, ok)
	_, owner = s.claim("c")
	assert.True(t, owner, "a result past the budget was kept")

	// The context ends the wait.
	e, _ = s.claim("d")
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, ok = s.wait(canceled, e)
	assert.False(t, ok)
}

// sharingFixture returns a checker that shares results, and the failing
// fixture's directory, its test file and that file's content, which the
// tests lay over it as students' code.
func sharingFixture(t *testing.T) (c *Checker, dir, target string, src []byte) {
	t.Helper()
	c = New(live(t).tc, 0)
	c.ShareResults()
	dir, err := filepath.Abs("testdata/fixtures/fail")
	require.NoError(t, err)
	target = filepath.Join(dir, "fix_test.go")
	src, err = os.ReadFile(target)
	require.NoError(t, err)
	return c, dir, target, src
}

// TestCheckAllSharesTheSameCode checks three copies of a package, two of
// them with the same code: those two get one result, the same as Check
// gives each, and the third its own.
func TestCheckAllSharesTheSameCode(t *testing.T) {
	c, dir, target, src := sharingFixture(t)
	ctx := context.Background()
	tmp := t.TempDir()
	failing := writeFile(t, tmp, "a_test.go", string(src))
	sameFailing := writeFile(t, tmp, "b_test.go", string(src))
	passing := writeFile(t, tmp, "c_test.go", strings.ReplaceAll(string(src), "!= 5", "!= 4"))
	student := func(code string) Options {
		return Options{Dir: dir, Overlay: map[string]string{target: code}, Verify: verified}
	}
	all := c.CheckAll(ctx, []Options{student(failing), student(sameFailing), student(passing)})
	require.Len(t, all, 3)
	for _, r := range all {
		require.NoError(t, r.Err)
	}
	assert.Equal(t, 1, c.SharedResults())
	assert.Equal(t, Fail, all[0].Verdict)
	assert.Equal(t, all[0], all[1])
	assert.Equal(t, Pass, all[2].Verdict)
	alone, err := live(t).Check(ctx, student(sameFailing))
	require.NoError(t, err)
	assert.Equal(t, alone.Verdict, all[1].Verdict)
	assert.Equal(t, alone.Message, all[1].Message)

	// A later batch of the same code is not built or run again.
	again := c.CheckAll(ctx, []Options{student(passing)})
	assert.Equal(t, 2, c.SharedResults())
	assert.Equal(t, all[2].Verdict, again[0].Verdict)
}

// TestCheckAllDoesNotShareCodeChangedWhileChecked checks a package whose
// file is rewritten during its check (as a test binary of other code
// could): its result is not given to a later check of the code its key
// named.
func TestCheckAllDoesNotShareCodeChangedWhileChecked(t *testing.T) {
	c, dir, target, src := sharingFixture(t)
	ctx := context.Background()
	code := writeFile(t, t.TempDir(), "a_test.go", string(src))
	calls := 0
	rewrite := func() (bool, error) {
		if calls++; calls == 2 { // after the build
			require.NoError(t, os.WriteFile(code, []byte(string(src)+"\n// changed\n"), 0o644))
		}
		return false, nil
	}
	first := c.CheckAll(ctx, []Options{{Dir: dir, Overlay: map[string]string{target: code}, Verify: rewrite}})
	require.NoError(t, first[0].Err)
	require.GreaterOrEqual(t, calls, 2, "Verify was not called after the build")
	require.NoError(t, os.WriteFile(code, src, 0o644))
	again := c.CheckAll(ctx, []Options{{Dir: dir, Overlay: map[string]string{target: code}, Verify: verified}})
	require.NoError(t, again[0].Err)
	assert.Equal(t, 0, c.SharedResults(), "a result of changed code was shared")
}
