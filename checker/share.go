package checker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"slices"
	"sync"
	"sync/atomic"
)

// maxSharedOutput bounds the output, in bytes, that the results kept for
// sharing hold together; past it a result is still given to the checks
// waiting for it, but not kept for later ones.
const maxSharedOutput = 256 << 20

// sharedResults keeps the result of each check of one code, so that a
// check of the same code with the same options, in the same process, gets
// that result instead of building and running it again: a class whose
// students left an exercise as shipped, or copied one fix, has it graded
// once. Only the packages whose files the grader verifies (Options.Verify:
// the kit's module as shipped) are shared, so a key names every byte the
// check reads: the module's own files are the same for every check, and
// the key hashes the content of each file the overlay lays over them.
//
// Two checks of the same code at once run it once: the second waits for
// the first (see claim). A check that ends without a result (an error, the
// context) lets those waiting check on their own.
type sharedResults struct {
	mu      sync.Mutex
	entries map[string]*sharedResult
	// output is the output the kept results hold, in bytes.
	output int64
	// hits counts the checks given a shared result.
	hits atomic.Int64
}

// sharedResult is one code's result, ready once done is closed.
type sharedResult struct {
	done chan struct{}
	// res is the result; nil when the check that owned it got none.
	res *Result
}

// ShareResults makes CheckAll give a package whose code and options are
// the same as an earlier or concurrent check's that check's result,
// without building or running it again. It is for a grader that checks
// many copies of the same exercises (a class): a verdict is a function of
// the code, so two students with the same code get the same result, and
// the runs of the first are the runs of both. Call it before the first
// check.
func (c *Checker) ShareResults() {
	c.shared = &sharedResults{entries: map[string]*sharedResult{}}
}

// SharedResults counts the checks that got an earlier check's result
// (see ShareResults).
func (c *Checker) SharedResults() int {
	if c.shared == nil {
		return 0
	}
	return int(c.shared.hits.Load())
}

// claim returns the entry for key. owner reports that the caller must
// check the package and call finish; otherwise the caller waits for the
// entry.
func (s *sharedResults) claim(key string) (e *sharedResult, owner bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.entries[key]; ok {
		return e, false
	}
	e = &sharedResult{done: make(chan struct{})}
	s.entries[key] = e
	return e, true
}

// finish publishes the owner's result for key; a nil result, or one
// whose package could not be checked, is forgotten, and those waiting
// check on their own. A result is kept for later checks while the kept
// output fits maxSharedOutput.
func (s *sharedResults) finish(key string, e *sharedResult, res *Result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if res != nil && res.Err == nil {
		e.res = cloneResult(res)
	}
	if size := outputSize(e.res); e.res == nil || s.output+size > maxSharedOutput {
		delete(s.entries, key)
	} else {
		s.output += size
	}
	close(e.done)
}

// wait returns the entry's result, a copy of its own, once it is ready;
// false when the owner got none or the context ended first.
func (s *sharedResults) wait(ctx context.Context, e *sharedResult) (*Result, bool) {
	select {
	case <-e.done:
	case <-ctx.Done():
		return nil, false
	}
	if e.res == nil {
		return nil, false
	}
	s.hits.Add(1)
	return cloneResult(e.res), true
}

// outputSize is the output a result holds, in bytes.
func outputSize(res *Result) int64 {
	if res == nil {
		return 0
	}
	n := len(res.Output)
	for _, run := range res.Runs {
		n += len(run.Output)
		for _, t := range run.Tests {
			n += len(t.Output)
		}
	}
	return int64(n)
}

// cloneResult copies a result down to the slices its users change or
// append to; what those slices hold (goroutines, locations, diagnoses) is
// only read.
func cloneResult(r *Result) *Result {
	c := *r
	c.Tests = slices.Clone(r.Tests)
	c.Build = slices.Clone(r.Build)
	c.Vet = slices.Clone(r.Vet)
	c.Rules = slices.Clone(r.Rules)
	c.Notes = slices.Clone(r.Notes)
	c.Runs = slices.Clone(r.Runs)
	for i := range c.Runs {
		c.Runs[i].Tests = slices.Clone(c.Runs[i].Tests)
	}
	return &c
}

// shareKey names what a check of opts reads and how it runs: the package's
// directory, the content of every file the overlays lay over the package
// and its baseline, and every option that changes a verdict or a message.
// It is "" for a package whose files the grader does not verify, or when an
// overlay's file cannot be read: such a check is never shared.
func shareKey(opts Options) string {
	if opts.Verify == nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "dir %q\ntimeout %d\ncpu %v\nrepeat %d\nexpected %q\noutput %d\nmemory %d\n",
		opts.Dir, opts.Timeout, opts.CPU, opts.Repeat, opts.Expected, opts.OutputLimit, opts.MemoryLimit)
	fmt.Fprintf(h, "leaks %t\nvet-owns-tests %t\nstop-on-hang %t\nconfirm %v\nbaseline %q\n",
		opts.FindLeaks, opts.VetOwnsTests, opts.StopOnHang, opts.Confirm, opts.Baseline)
	for _, r := range opts.Rules {
		fmt.Fprintf(h, "rule %q\n", r.Name)
	}
	if !hashOverlay(h, "overlay", opts.Overlay) || !hashOverlay(h, "baseline-overlay", opts.BaselineOverlay) {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// hashOverlay writes an overlay into h: each path it replaces, sorted, and
// the content of its replacement. It reports false when a replacement
// cannot be read.
func hashOverlay(h hash.Hash, name string, overlay map[string]string) bool {
	paths := make([]string, 0, len(overlay))
	for p := range overlay {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		fmt.Fprintf(h, "%s %q ", name, p)
		if r := overlay[p]; r == "" {
			io.WriteString(h, "deleted\n")
			continue
		}
		data, err := os.ReadFile(overlay[p])
		if err != nil {
			return false
		}
		fmt.Fprintf(h, "%d\n", len(data))
		h.Write(data)
	}
	return true
}
