// Package grading is racekit's one grading pipeline. A Grader, made once
// per process, holds the toolchain, the catalog and the kit's module as
// shipped; given what to grade (a working copy's exercises, the kit's
// solutions, any package), it returns one report.Document. Every command of
// grade is flags, a call here, and a writer of the document.
//
// Exercises are graded pristine: each is built in the grader's own copy of
// the kit's module, with only the student's code files of that exercise's
// folder laid over it. Whatever else a working copy holds (edited tests or
// helpers, another go.mod, a vendor folder, a go.work) cannot change a
// verdict; it is named in the document's warnings.
//
// An error while preparing, building or running one exercise becomes that
// exercise's result; New's error is the only one that means the grader
// cannot work at all.
package grading

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/pristine"
	"github.com/racekit/racekit/internal/report"
)

// Config says how to make a Grader.
type Config struct {
	// Shipped holds the kit as shipped (see package racekit).
	Shipped fs.FS
	// CacheDir is where the grader keeps what it reuses between runs: the
	// kit's module and test binaries. "" keeps nothing past Close.
	CacheDir string
	// BinaryCacheSize bounds the test binaries kept in CacheDir, about
	// 4 MB each (default checker.DefaultBinaryCacheSize, enough for one
	// kit). A batch over a class raises it (see BinaryCacheSizeFor) so that
	// code shared by students is linked once.
	BinaryCacheSize int
	// Jobs bounds the test binaries run at once (default: the CPU count).
	Jobs int
	// ShareResults grades each code once per process: an exercise whose
	// student code is the same, file for file, as one graded before (or
	// meanwhile) gets that result, not another build and run (see
	// checker.Checker.ShareResults). A batch over a class sets it.
	ShareResults bool
	// Version is racekit's version, written into every document.
	Version string
	// Environ is the environment the grader runs in, to warn about the
	// settings it ignores; nil reads the process's.
	Environ []string
}

// Grader grades exercises and packages. It is safe for concurrent use, and
// one Grader serves a whole process.
type Grader struct {
	checker   *checker.Checker
	toolchain *checker.Toolchain
	shipped   fs.FS
	catalog   *catalog.Catalog
	module    *pristine.Module
	binaries  string
	// cacheSize bounds the binaries kept in binaries.
	cacheSize int
	version   string
	// envWarnings name the environment's settings the grader ignores.
	envWarnings []kit.Warning
	cleanup     func()
}

// New looks up the toolchain, reads the catalog and writes the kit's
// module. Its error means the grader cannot work: no go command, no cgo, a
// grader built without the kit.
func New(ctx context.Context, cfg Config) (*Grader, error) {
	tc, err := checker.FindToolchain(ctx)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Load(cfg.Shipped)
	if err != nil {
		return nil, err
	}
	g := &Grader{
		checker: checker.New(tc, cfg.Jobs), toolchain: tc, shipped: cfg.Shipped, catalog: cat,
		version: cfg.Version, cacheSize: cfg.BinaryCacheSize, cleanup: func() {},
	}
	environ := cfg.Environ
	if environ == nil {
		environ = os.Environ()
	}
	g.envWarnings = ignoredSettings(environ)
	if cfg.ShareResults {
		g.checker.ShareResults()
	}
	digest, err := pristine.Digest(cfg.Shipped)
	if err != nil {
		return nil, err
	}
	if cfg.CacheDir != "" {
		g.module, err = pristine.Write(filepath.Join(cfg.CacheDir, "module-"+digest), cfg.Shipped)
		g.binaries = filepath.Join(cfg.CacheDir, "binaries")
	}
	if g.module == nil {
		// No cache, or one that cannot be written: a module of this
		// process's own, and no binaries kept.
		tmp, err := os.MkdirTemp("", "racekit-module-")
		if err != nil {
			return nil, err
		}
		g.cleanup = func() { os.RemoveAll(tmp) }
		if g.module, err = pristine.Write(tmp, cfg.Shipped); err != nil {
			g.cleanup()
			return nil, err
		}
		g.binaries = ""
	}
	return g, nil
}

// MaxBinaryCacheSize caps BinaryCacheSizeFor: 4096 binaries, about 16 GB
// of disk at 4 MB each.
const MaxBinaryCacheSize = 4096

// BinaryCacheSizeFor is the binary cache a batch of students over
// exercises wants: one binary per exercise and student (an upper bound on
// the distinct codes), at least the default and at most
// MaxBinaryCacheSize. Each binary is about 4 MB of disk.
func BinaryCacheSizeFor(exercises, students int) int {
	return min(max(exercises*students, checker.DefaultBinaryCacheSize), MaxBinaryCacheSize)
}

// Close removes what the grader wrote that is not kept in its cache.
func (g *Grader) Close() error {
	g.cleanup()
	return nil
}

// SharedResults counts the exercises graded with the result of the same
// code graded before (see Config.ShareResults).
func (g *Grader) SharedResults() int { return g.checker.SharedResults() }

// Catalog returns the catalog the grader grades by.
func (g *Grader) Catalog() *catalog.Catalog { return g.catalog }

// Kit returns the working copy at root, paired with the kit as shipped.
func (g *Grader) Kit(root string) *kit.Kit {
	return &kit.Kit{Root: root, Shipped: g.shipped, Catalog: g.catalog}
}

// ignoredSettings warns about each of the go command's settings in environ
// that the checker overrides and that would have changed something.
func ignoredSettings(environ []string) []kit.Warning {
	var ws []kit.Warning
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		for _, ignored := range checker.IgnoredGoSettings {
			harmless := value == "" ||
				(name == "GOTOOLCHAIN" && (value == "local" || value == "auto")) ||
				(name == "GOWORK" && value == "off")
			if name == ignored && !harmless {
				ws = append(ws, kit.Warning{File: name, Message: fmt.Sprintf("set to %q in the environment; the grader ignores it and builds with its own settings", value)})
			}
		}
	}
	return ws
}

// newDocument starts the document of a command.
func (g *Grader) newDocument(command string, start time.Time) *report.Document {
	return &report.Document{
		Command: command, Grader: g.version, Go: g.toolchain.Version,
		Warnings: append([]kit.Warning(nil), g.envWarnings...),
		Seconds:  time.Since(start).Seconds(),
	}
}

// finish fills in the document's totals and time.
func finish(doc *report.Document, start time.Time) *report.Document {
	doc.Seconds = time.Since(start).Seconds()
	doc.Tally()
	return doc
}

// cannotGrade is the message of a result the checker could not check.
func cannotGrade(err error) string {
	if errors.Is(err, checker.ErrNoTests) {
		return err.Error() + ": grade check grades a package by its tests; add a _test.go file with a TestXxx function"
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// paths writes a result's paths relative to root, and the standard
// library's and modules' files from $GOROOT and $GOMODCACHE.
func (g *Grader) paths(root string) report.Paths {
	return report.Paths{Root: root, GOROOT: g.toolchain.GOROOT, GOMODCACHE: g.toolchain.GOMODCACHE}
}

// countRuns counts the runs of each verdict.
func countRuns(res *checker.Result) map[checker.Verdict]int {
	runs := map[checker.Verdict]int{}
	for _, run := range res.Runs {
		runs[res.RunVerdict(run)]++
	}
	return runs
}

// runsNote says how many runs showed a failing verdict of the runs: " (race
// in 2 of 9 runs)"; "" for a pass, one run, or vet's and the rules'
// verdicts, which are the same on every run.
func runsNote(res *checker.Result, runs map[checker.Verdict]int) string {
	if len(res.Runs) <= 1 || res.Decisive() == nil || res.Verdict == checker.Pass {
		return ""
	}
	return fmt.Sprintf(" (%s in %d of %d runs)", res.Verdict, runs[res.Verdict], len(res.Runs))
}
