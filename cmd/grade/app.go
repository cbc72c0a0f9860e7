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
	"strings"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/report"
)

// Exit statuses.
const (
	exitPass     = 0
	exitFail     = 1
	exitUsage    = 2
	exitInternal = 3
)

const usageText = `usage:
  grade [--format text|json]             grade every exercise
  grade run NAME|NUMBER [--hints N]      grade one exercise and explain it
  grade list                             list the exercises with their status
  grade check [--format json] DIR        grade any package directory by its own tests
  grade verify [--repeat N] [--cpu LIST] [NAME...]
                                         check that every exercise fails as declared and every solution passes
`

// app carries what every command shares.
type app struct {
	stdout, stderr io.Writer
}

// failed is returned by a command whose grading found something that does
// not pass: exit status 1, nothing more to say.
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

// exit prints err in grade's voice and returns the exit status for it.
func (a *app) exit(err error) int {
	var (
		usage usageError
		hint  hinted
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
	case errors.Is(err, flag.ErrHelp):
		return exitPass
	case errors.As(err, &tc):
		fmt.Fprintf(a.stderr, "grade: %s\n", tc.Problem)
		fmt.Fprintf(a.stderr, "grade: hint: %s\n", tc.Hint)
		return exitInternal
	case errors.As(err, &hint):
		fmt.Fprintf(a.stderr, "grade: %s\n", oneLine(hint.err))
		fmt.Fprintf(a.stderr, "grade: hint: %s\n", hint.hint)
		return exitInternal
	default:
		fmt.Fprintf(a.stderr, "grade: %s\n", oneLine(err))
		return exitInternal
	}
}

// oneLine keeps the first line of an error's text.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// help prints the usage.
func (a *app) help([]string) error {
	fmt.Fprint(a.stdout, usageText)
	return nil
}

// flags returns a flag set that reports its errors as usage errors.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("grade "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args, turning flag errors into usage errors. Flags may come
// after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("%s takes these flags: %s", fs.Name(), flagNames(fs))
			}
			return nil, usagef("%s", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// flagNames lists a flag set's flags.
func flagNames(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// formatFlag adds --format to a flag set.
func formatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", "text", "output format: text or json")
}

// checkFormat validates a --format value.
func checkFormat(f string) error {
	if f != "text" && f != "json" {
		return usagef("unknown format %q: use text or json", f)
	}
	return nil
}

// openKit finds the racekit folder from the working directory, or from
// RACEKIT_ROOT when set.
func (a *app) openKit() (*kit.Kit, error) {
	start := os.Getenv("RACEKIT_ROOT")
	if start == "" {
		start = "."
	}
	root, err := kit.FindRoot(start)
	if err != nil {
		return nil, hinted{err, "run grade from the racekit folder (the one with exercises/), or set RACEKIT_ROOT"}
	}
	return kit.Open(root, racekit.Shipped)
}

// newChecker checks the toolchain and returns a checker.
func newChecker(ctx context.Context) (*checker.Checker, error) {
	tc, err := checker.FindToolchain(ctx)
	if err != nil {
		return nil, err
	}
	return checker.New(tc, 0), nil
}

// binaryCacheDir is where grade keeps test binaries between runs, so that
// re-grading unchanged code skips the link: $RACEKIT_CACHE, else racekit
// in the user's cache directory; "" (no cache) when there is none.
func binaryCacheDir() string {
	if dir := os.Getenv("RACEKIT_CACHE"); dir != "" {
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "racekit", "binaries")
}

// signalContext is cancelled by an interrupt, so that test processes are
// killed rather than left behind.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// finish prints the results, as JSON for --format json and else with
// text, and returns their outcome.
func (a *app) finish(results []report.Result, format string, text func(report.Document) error) error {
	doc := report.NewDocument(results)
	write := text
	if format == "json" {
		write = func(doc report.Document) error { return report.WriteJSON(a.stdout, doc) }
	}
	if err := write(doc); err != nil {
		return err
	}
	return outcome(doc)
}

// outcome returns errNotPassed unless every result passed.
func outcome(doc report.Document) error {
	if doc.Passed < doc.Total || doc.Total == 0 {
		return errNotPassed
	}
	return nil
}
