package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/term"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/report"
)

// Exit statuses: the one place that maps an outcome to one.
const (
	exitPass     = 0
	exitFail     = 1
	exitUsage    = 2
	exitInternal = 3
)

// app carries what every command shares.
type app struct {
	stdout, stderr io.Writer
	// stdin is where confirmations and watch's keys are read.
	stdin  io.Reader
	getenv func(string) string
}

// errNotPassed is returned by a command whose grading found something that
// does not pass: exit status 1, nothing more to say.
var errNotPassed = errors.New("not every result passes")

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// hinted is an error with a line that says what to do.
type hinted struct {
	err  error
	hint string
}

func (e hinted) Error() string { return e.err.Error() }

// refused is a command that will not do what was asked until something
// changes (an exercise passes, a confirmation is given): exit status 1,
// one line that says why and one that says what to do.
type refused struct {
	msg  string
	hint string
}

func (e refused) Error() string { return e.msg }

// exit prints err in grade's voice and returns the exit status for it.
func (a *app) exit(err error) int {
	var (
		usage usageError
		hint  hinted
		no    refused
		tc    *checker.ToolchainError
	)
	switch {
	case err == nil:
		return exitPass
	case errors.Is(err, errNotPassed):
		return exitFail
	case errors.As(err, &usage):
		fmt.Fprintf(a.stderr, "grade: %s\n", usage.msg)
		fmt.Fprintln(a.stderr, "grade: hint: run 'grade help' for the commands")
		return exitUsage
	case errors.As(err, &no):
		fmt.Fprintf(a.stderr, "grade: %s\n", no.msg)
		fmt.Fprintf(a.stderr, "grade: hint: %s\n", no.hint)
		return exitFail
	case errors.As(err, &tc):
		fmt.Fprintf(a.stderr, "grade: %s\n", tc.Problem)
		fmt.Fprintf(a.stderr, "grade: hint: %s\n", tc.Hint)
		return exitInternal
	case errors.As(err, &hint):
		fmt.Fprintf(a.stderr, "grade: %s\n", oneLine(hint.err))
		fmt.Fprintf(a.stderr, "grade: hint: %s\n", hint.hint)
		return exitInternal
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(a.stderr, "grade: interrupted")
		return exitInternal
	default:
		fmt.Fprintf(a.stderr, "grade: %s\n", oneLine(err))
		return exitInternal
	}
}

// stdinTerminal reports whether standard input is a terminal.
func (a *app) stdinTerminal() bool {
	f, ok := a.stdin.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// oneLine keeps the first line of an error's text.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// formatFlag adds --format to a flag set.
func formatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", "text", "output `format`: text or json")
}

// checkFormat validates a --format value.
func checkFormat(f string) error {
	if f != "text" && f != "json" {
		return usagef("unknown format %q: use text or json", f)
	}
	return nil
}

// kitRoot finds the racekit folder from the working directory, or from
// RACEKIT_ROOT when set.
func (a *app) kitRoot() (string, error) {
	start := a.getenv("RACEKIT_ROOT")
	if start == "" {
		start = "."
	}
	root, err := kit.FindRoot(start)
	if err != nil {
		return "", hinted{err, "run grade from the racekit folder (the one with exercises/), or set RACEKIT_ROOT"}
	}
	return root, nil
}

// newGrader makes the process's grader.
func (a *app) newGrader(ctx context.Context) (*grading.Grader, error) {
	return grading.New(ctx, grading.Config{Shipped: racekit.Shipped, CacheDir: a.cacheDir(), Version: version()})
}

// cacheDir is where grade keeps its module and test binaries between runs:
// $RACEKIT_CACHE, else racekit in the user's cache directory; "" (nothing
// kept) when there is none.
func (a *app) cacheDir() string {
	if dir := a.getenv("RACEKIT_CACHE"); dir != "" {
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "racekit")
}

// version is racekit's version as the build recorded it: the module's
// version, or "devel" with the commit it was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
	}
	return v
}

// findExercises resolves exercise names or numbers; none means every one
// (nil).
func findExercises(cat *catalog.Catalog, names []string) ([]catalog.Exercise, error) {
	var exs []catalog.Exercise
	for _, n := range names {
		ex, ok := cat.Find(n)
		if !ok {
			return nil, usagef("no exercise %q: 'grade list' shows them", n)
		}
		exs = append(exs, ex)
	}
	return exs, nil
}

// signalContext is cancelled by an interrupt, so that test processes are
// killed rather than left behind.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// grading runs one pipeline call with a grader made for it, then writes
// the document: as JSON for --format json, else with text. Warnings go to
// standard error in both.
func (a *app) grading(format string, grade func(ctx context.Context, g *grading.Grader) (*report.Document, error), text func(*report.Document) error) error {
	ctx, cancel := signalContext()
	defer cancel()
	g, err := a.newGrader(ctx)
	if err != nil {
		return err
	}
	defer g.Close()
	doc, err := grade(ctx, g)
	if err != nil {
		return err
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(a.stderr, "grade: warning: %s\n", w)
	}
	write := text
	if format == "json" {
		write = func(doc *report.Document) error { return report.WriteJSON(a.stdout, doc) }
	}
	if err := write(doc); err != nil {
		return err
	}
	if !doc.AllPassed() {
		return errNotPassed
	}
	return nil
}
