package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/term"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/atomicfile"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/formats"
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

// reportList is the value of the repeatable --report flag: each
// NAME[=FILE] as given, checked by outputs.
type reportList []string

// String lists the values given.
func (l *reportList) String() string { return strings.Join(*l, " ") }

// Set adds one --report value.
func (l *reportList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// reportFlag adds the repeatable --report NAME[=FILE] to a flag set.
func reportFlag(fs *flag.FlagSet) *reportList {
	l := &reportList{}
	fs.Var(l, "report", "also write a `NAME[=FILE]` report for CI or a grading platform (repeatable): NAME is "+
		formats.NamesText()+"; without =FILE, github and json go to standard output after the human report, "+
		"classroom is appended to $GITHUB_OUTPUT, and the others are an error")
	return l
}

// output says where a command writes its document: the human report or
// the JSON (--format) on standard output, and each --report.
type output struct {
	format  string
	reports []reportTarget
}

// reportTarget is one --report: a format and its file; "" is standard
// output.
type reportTarget struct {
	format formats.Format
	file   string
	// append adds to the file rather than replacing it: a step output
	// file such as $GITHUB_OUTPUT holds other steps' lines.
	append bool
}

// outputs checks --format and every --report, and says where each goes.
// Without =FILE, github and json go to standard output, classroom to
// the file named by $GITHUB_OUTPUT, and the others are a usage error.
// Only one report goes to standard output, and none with --format json.
func (a *app) outputs(format string, reports reportList) (output, error) {
	if err := checkFormat(format); err != nil {
		return output{}, err
	}
	out := output{format: format}
	stdout := ""
	for _, spec := range reports {
		name, file, hasFile := strings.Cut(spec, "=")
		f, ok := formats.Lookup(name)
		if !ok {
			return output{}, usagef("unknown report %q: use %s", name, formats.NamesText())
		}
		if hasFile && file == "" {
			return output{}, usagef("--report %s= names no file: use --report %s=FILE", name, name)
		}
		t := reportTarget{format: f, file: file, append: f.Name == "classroom"}
		switch {
		case hasFile:
		case f.Name == "classroom":
			t.file = a.getenv("GITHUB_OUTPUT")
			if t.file == "" {
				return output{}, usagef("--report classroom needs a file: set GITHUB_OUTPUT, as GitHub Actions does, or use --report classroom=FILE")
			}
		case !f.Stdout:
			return output{}, usagef("--report %s needs a file: use --report %s=FILE", name, name)
		case format == "json":
			return output{}, usagef("--report %s without a file would mix with --format json on standard output: use --report %s=FILE", name, name)
		case stdout != "":
			return output{}, usagef("--report %s and --report %s both want standard output: give one of them a file", stdout, name)
		default:
			stdout = name
		}
		out.reports = append(out.reports, t)
	}
	return out, nil
}

// writeReports writes the document in each --report format: to standard
// output or to its file. github also appends its step summary to the
// file named by $GITHUB_STEP_SUMMARY when that is set.
func (a *app) writeReports(doc *report.Document, reports []reportTarget, token string) error {
	for _, t := range reports {
		opts := formats.Options{Token: token}
		path := a.getenv("GITHUB_STEP_SUMMARY")
		if t.format.Name != "github" || path == "" {
			if err := a.writeReport(doc, t, opts); err != nil {
				return err
			}
			continue
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
		if err != nil {
			return fmt.Errorf("github step summary: %w", err)
		}
		if info, err := f.Stat(); err == nil {
			opts.StepSummaryUsed = info.Size()
		}
		opts.StepSummary = f
		err = a.writeReport(doc, t, opts)
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("github step summary: %w", cerr)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeReport writes one report to its file, or to standard output.
func (a *app) writeReport(doc *report.Document, t reportTarget, opts formats.Options) error {
	if t.file == "" {
		return t.format.Write(a.stdout, doc, opts)
	}
	if !t.append && replaceable(t.file) {
		// Written whole and renamed into place: a link a submission left
		// at the report's path is replaced, never written through, and a
		// reader never sees half a report.
		var buf bytes.Buffer
		if err := t.format.Write(&buf, doc, opts); err != nil {
			return fmt.Errorf("%s report: %s: %w", t.format.Name, t.file, err)
		}
		if err := atomicfile.Write(t.file, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("%s report: %w", t.format.Name, err)
		}
		return nil
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if t.append {
		flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := os.OpenFile(t.file, flags, 0o666)
	if err != nil {
		return fmt.Errorf("%s report: %w", t.format.Name, err)
	}
	if err := t.format.Write(f, doc, opts); err != nil {
		f.Close()
		return fmt.Errorf("%s report: %s: %w", t.format.Name, t.file, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s report: %w", t.format.Name, err)
	}
	return nil
}

// replaceable reports whether a report's path is one grade may replace
// with a new file: a regular file, a symbolic link, or nothing yet. A
// device or a pipe (/dev/stdout, a fifo) is written in place.
func replaceable(path string) bool {
	info, err := os.Lstat(path)
	if err != nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	return info.Mode().IsRegular() || info.Mode()&fs.ModeSymlink != 0
}

// githubLog reports whether standard output is a GitHub Actions log: the
// github report goes there.
func (o output) githubLog() bool {
	for _, t := range o.reports {
		if t.format.Name == "github" && t.file == "" {
			return true
		}
	}
	return false
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
	return grading.New(ctx, a.graderConfig())
}

// newClassGrader makes the process's grader for a class: a binary cache
// that keeps cacheSize test binaries (0: the default, enough for one kit),
// and each code graded once for all the students who submitted it.
func (a *app) newClassGrader(ctx context.Context, cacheSize int) (*grading.Grader, error) {
	cfg := a.graderConfig()
	cfg.BinaryCacheSize, cfg.ShareResults = cacheSize, true
	return grading.New(ctx, cfg)
}

// graderConfig is what every grader of the process is made with.
func (a *app) graderConfig() grading.Config {
	return grading.Config{Shipped: racekit.Shipped, CacheDir: a.cacheDir(), Version: version()}
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

// withGrader makes the process's grader, with a context an interrupt
// cancels, runs fn with them, and closes the grader.
func (a *app) withGrader(fn func(ctx context.Context, g *grading.Grader) error) error {
	ctx, cancel := signalContext()
	defer cancel()
	g, err := a.newGrader(ctx)
	if err != nil {
		return err
	}
	defer g.Close()
	return fn(ctx, g)
}

// warn prints the document's warnings on standard error.
func (a *app) warn(doc *report.Document) {
	for _, w := range doc.Warnings {
		fmt.Fprintf(a.stderr, "grade: warning: %s\n", w)
	}
}

// grading runs one pipeline call with a grader made for it, then writes
// the document: as JSON for --format json, else with text, then each
// --report. Warnings go to standard error. This is the one place the
// document is written. When the github report goes to standard output
// (a GitHub Actions log), the human report is written so that nothing a
// student's program printed in it can issue workflow commands.
func (a *app) grading(out output, grade func(ctx context.Context, g *grading.Grader) (*report.Document, error), text func(w io.Writer, doc *report.Document) error) error {
	var doc *report.Document
	err := a.withGrader(func(ctx context.Context, g *grading.Grader) (err error) {
		doc, err = grade(ctx, g)
		return err
	})
	if err != nil {
		return err
	}
	a.warn(doc)
	token := formats.NewToken()
	switch {
	case out.format == "json":
		if err := report.WriteJSON(a.stdout, doc); err != nil {
			return err
		}
	case out.githubLog():
		var buf bytes.Buffer
		if err := text(&buf, doc); err != nil {
			return err
		}
		if err := formats.WriteInert(a.stdout, buf.String(), token); err != nil {
			return err
		}
	default:
		if err := text(a.stdout, doc); err != nil {
			return err
		}
	}
	if err := a.writeReports(doc, out.reports, token); err != nil {
		return err
	}
	if !doc.AllPassed() {
		return errNotPassed
	}
	return nil
}
