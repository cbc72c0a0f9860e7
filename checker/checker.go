package checker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for Options fields left zero.
const (
	DefaultTimeout     = 20 * time.Second
	DefaultOutputLimit = 256 << 10
	// DefaultMemoryLimit bounds the resident memory of one run's
	// processes: 2 GiB, many times what a race-enabled test of an
	// exercise uses (shadow memory included), and little enough that a
	// machine's runs at once fit in it.
	DefaultMemoryLimit = 2 << 30
	// killGrace is how much longer than the test timeout a run may take
	// before the grader kills it: long enough for the test binary to print
	// its own goroutine dump first.
	killGrace = 3 * time.Second
	// buildLimit bounds a build or vet, which run the toolchain, not the
	// student's code.
	buildLimit = 5 * time.Minute
	// maxRebuilds bounds the builds made again because Options.Verify
	// found the files touched during a build.
	maxRebuilds = 3
)

// GORACE is the race detector's setting for every run: no one-second sleep
// before exit, and every repeat of a race reported.
const GORACE = "atexit_sleep_ms=0 suppress_equal_stacks=0"

// VetAnalyzers are the go vet analyzers about concurrency that go test does
// not run on its own.
var VetAnalyzers = []string{"atomic", "copylocks", "loopclosure", "lostcancel", "testinggoroutine", "waitgroup"}

// ErrNoTests is returned for a package without any TestXxx function: there
// is nothing to grade it by.
var ErrNoTests = errors.New("no tests")

// Options says what to check and how.
type Options struct {
	// Dir is the package directory.
	Dir string
	// Overlay replaces files at build time: absolute path to absolute
	// path of the replacement, or to "" to delete the file.
	Overlay map[string]string
	// Timeout is the limit for one run of the tests (default
	// DefaultTimeout).
	Timeout time.Duration
	// CPU lists GOMAXPROCS values to run the tests with; each value gets
	// Repeat runs. Empty means one value: the machine's default.
	CPU []int
	// Repeat is how many times to run the tests at each CPU value
	// (default 1). The package is built once.
	Repeat int
	// Expected lists the top-level tests that must pass. Nil means every
	// TestXxx function in the package's test files.
	Expected []string
	// Rules are the static rules the code must keep.
	Rules []StaticRule
	// Baseline is the directory of the code as shipped, for rules that
	// compare against it; "" for none.
	Baseline string
	// BaselineOverlay is applied to Baseline's files like Overlay.
	BaselineOverlay map[string]string
	// OutputLimit caps the output kept per test (default
	// DefaultOutputLimit).
	OutputLimit int
	// MemoryLimit bounds the resident memory, in bytes, of one run of the
	// tests: the test binary and every process it started, measured
	// every 50 ms (Linux only). A run that uses more is stopped, and the
	// test it was in gets the verdict panic, as when the Go runtime runs
	// out of memory (default DefaultMemoryLimit; negative for no limit).
	MemoryLimit int64
	// BinaryCache is a directory that keeps test binaries between checks
	// of the same code (see binaryCache); "" keeps none.
	BinaryCache string
	// BinaryCacheSize bounds the binaries BinaryCache keeps, the ones used
	// longest ago removed first (default DefaultBinaryCacheSize). Each is
	// about 4 MB of disk; a class graded at once wants one per distinct
	// exercise and code, or binaries shared by students are evicted and
	// linked again.
	BinaryCacheSize int
	// FindLeaks looks for goroutines of the package's code left running
	// after its tests, without the package's help: when the package has
	// no TestMain of its own, a TestMain (LeakMainFile) is laid over it
	// that runs the tests and, if they passed, gives the package's
	// goroutines a bounded while to end (and the race detector the time
	// to report what they do), then reports those left as a leak. A
	// package with a TestMain of its own is run as it is, with a note in
	// Result.Notes.
	FindLeaks bool
	// VetOwnsTests makes go vet's findings in the package's _test.go
	// files decide the verdict like those in its other files. By default
	// the tests are not the graded code's own (a teacher gave them): their
	// findings are kept in Result.Vet as notes (Finding.Note) and the vet
	// verdict comes only from the other files.
	VetOwnsTests bool
	// StopOnHang leaves out the runs not yet started once a run ended in
	// a deadlock or a timeout: each of them would most likely wait out
	// the limit too. Result.Runs then holds only the runs made.
	StopOnHang bool
	// Verify, when set, checks the files the package is built from that
	// are the grader's own (the kit's module as shipped, see
	// pristine.Module.Repair): it puts back whatever was changed and
	// reports whether anything was touched since its last call. The
	// checker calls it before it reads the package and again after each
	// build; when the files were touched meanwhile, the build is made
	// again, so that no test binary of other code, running at the same
	// time, can change what this package is graded with.
	Verify func() (touched bool, err error)
	// Confirm lists GOMAXPROCS values, one entry per run, to run the tests
	// with again when every run so far passed: a pass is confirmed by
	// several runs (the same binary, in parallel) before it is a pass, so
	// that code that passes some runs only does not pass.
	Confirm []int
}

// Result is the verdict on a package.
type Result struct {
	Dir     string  `json:"path"`
	Verdict Verdict `json:"verdict"`
	// Message says in one line what went wrong; empty for a pass.
	Message string `json:"message,omitempty"`
	// Tests are the verdicts of the run that decided the package's
	// verdict.
	Tests []TestResult `json:"tests"`
	// Build, Vet and Rules are the findings of the compiler, go vet and
	// the static rules.
	Build []Finding `json:"build,omitempty"`
	Vet   []Finding `json:"vet,omitempty"`
	Rules []Finding `json:"rules,omitempty"`
	// Runs are every run of the tests, in order.
	Runs []Run `json:"runs,omitempty"`
	// Output is the build output for a build verdict, else the deciding
	// run's output outside its tests.
	Output string `json:"-"`
	// Err is set, by CheckAll, when the package could not be checked at
	// all; the other fields then hold nothing but Dir.
	Err error `json:"-"`
	// Notes say what the check could not do for this package, in words
	// (a leak check left out, say); they never change the verdict.
	Notes []string `json:"notes,omitempty"`
}

// Decisive returns the run that decided the verdict, or nil.
func (r *Result) Decisive() *Run {
	for i := range r.Runs {
		if r.Runs[i].Verdict == r.Verdict {
			return &r.Runs[i]
		}
	}
	return nil
}

// Checker grades packages with one toolchain, running at most a fixed
// number of test binaries at once.
type Checker struct {
	tc   *Toolchain
	slot chan struct{}
	// shared keeps results for checks of the same code; nil when
	// ShareResults was not called.
	shared *sharedResults
}

// New returns a Checker that runs up to jobs test binaries at a time
// (runtime.NumCPU when jobs < 1).
func New(tc *Toolchain, jobs int) *Checker {
	if jobs < 1 {
		jobs = runtime.NumCPU()
	}
	return &Checker{tc: tc, slot: make(chan struct{}, jobs)}
}

// Check builds, vets and runs the package's tests as opts say, and returns
// its verdict. An error means the checker itself could not work (a missing
// directory, a broken toolchain); anything the package's code does is a
// verdict.
func (c *Checker) Check(ctx context.Context, opts Options) (*Result, error) {
	return c.check(ctx, opts, nil)
}

// check is Check, with what a batch already built and vetted (or nil).
func (c *Checker) check(ctx context.Context, opts Options, pre *prebuilt) (*Result, error) {
	if pre == nil {
		pre = &prebuilt{}
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", opts.Dir)
	}
	opts = withDefaults(opts)
	res := &Result{Dir: dir}
	if opts.Verify != nil {
		if _, err := opts.Verify(); err != nil {
			return nil, err
		}
	}

	tmp, err := os.MkdirTemp("", "racekit-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if opts, res.Notes, err = addLeakMain(tmp, dir, opts); err != nil {
		return nil, err
	}
	overlayFile, err := writeOverlay(tmp, opts.Overlay)
	if err != nil {
		return nil, err
	}
	expected := opts.Expected
	if expected == nil {
		if expected, err = testFuncs(dir, opts.Overlay); err != nil {
			return nil, err
		}
	}
	if len(expected) == 0 {
		return nil, fmt.Errorf("%w in %s", ErrNoTests, opts.Dir)
	}
	if err := c.staticRules(res, dir, opts); err != nil {
		return nil, err
	}

	// The build goes first and vet after it: vet then finds the
	// race-enabled dependencies compiled, where at the same time both
	// would compile them (the standard library, with a cold cache).
	var (
		vetErr   error
		binary   = filepath.Join(tmp, "pkg.test")
		buildOut string
		built    bool
		buildErr error
	)
	if pre.binary != "" {
		binary, built = pre.binary, true
	} else {
		cache := binaryCache{dir: opts.BinaryCache, size: opts.BinaryCacheSize}
		key := cache.key(dir, opts.Overlay)
		cache.seed(key, binary)
		buildOut, built, buildErr = c.build(ctx, dir, overlayFile, binary)
		for rebuilds := 0; buildErr == nil && opts.Verify != nil; rebuilds++ {
			touched, err := opts.Verify()
			if err != nil {
				return nil, err
			}
			if !touched {
				break
			}
			if rebuilds == maxRebuilds {
				return nil, fmt.Errorf("the files %s is built from kept changing while it was built", opts.Dir)
			}
			os.Remove(binary)
			buildOut, built, buildErr = c.build(ctx, dir, overlayFile, binary)
		}
		if built {
			cache.store(key, binary)
		}
	}
	if pre.vetted {
		res.Vet = pre.vet
	} else if buildErr == nil && built {
		res.Vet, vetErr = c.vet(ctx, dir, overlayFile)
	}
	if buildErr != nil {
		return nil, buildErr
	}
	if vetErr != nil {
		return nil, vetErr
	}
	res.Vet = inPackage(res.Vet, dir, opts.Overlay)
	if !opts.VetOwnsTests {
		for i := range res.Vet {
			res.Vet[i].Note = strings.HasSuffix(res.Vet[i].File, "_test.go")
		}
	}
	if !built {
		res.Verdict = Build
		res.Build = inPackage(parseCompilerErrors(buildOut, dir), dir, opts.Overlay)
		res.Output = buildOut
		res.Message = "does not compile"
		if len(res.Build) > 0 {
			res.Message = res.Build[0].String()
		}
		if files := leftOutOfRace(dir); len(files) > 0 {
			res.Message += fmt.Sprintf(" (%s: a //go:build line leaves it out when the race detector is on, and the checker always builds with -race)", strings.Join(files, ", "))
		}
		quoteFindings(newSourceFiles(opts.Overlay), res)
		return res, nil
	}
	// One reader of the source for the runs' explanations and the
	// findings, so that each file is read and parsed once.
	scope := classifier{root: ModuleRoot(dir), src: newSourceFiles(opts.Overlay)}
	bin := pre.sealed
	if pre.binary == "" {
		if bin, err = sealBinary(binary); err != nil {
			return nil, err
		}
	}
	err = c.runAll(ctx, res, scope, dir, bin, expected, opts)
	if errors.Is(err, errBinaryChanged) {
		// A test binary of other code, running meanwhile, rewrote this
		// one while it waited for its runs: build it again, once.
		bin.path = filepath.Join(tmp, "again.test")
		if _, built, err := c.build(ctx, dir, overlayFile, bin.path); err != nil {
			return nil, err
		} else if !built {
			return nil, fmt.Errorf("%s no longer builds", opts.Dir)
		}
		if bin, err = sealBinary(bin.path); err != nil {
			return nil, err
		}
		err = c.runAll(ctx, res, scope, dir, bin, expected, opts)
	}
	if err != nil {
		return nil, err
	}
	if len(opts.Confirm) > 0 && allPassed(res.Runs) {
		first := res.Runs
		confirm := opts
		confirm.CPU, confirm.Repeat = opts.Confirm, 1
		if err := c.runAll(ctx, res, scope, dir, bin, expected, confirm); err != nil {
			return nil, err
		}
		res.Runs = append(first, res.Runs...)
	}
	decide(res)
	quoteFindings(scope.src, res)
	return res, nil
}

// allPassed reports whether every run passed.
func allPassed(runs []Run) bool {
	for _, r := range runs {
		if r.Verdict != Pass {
			return false
		}
	}
	return true
}

// leftOutOfRace lists the package's .go files that a build constraint
// keeps out of a race build (//go:build !race) but not out of a plain one:
// code that builds with go test but not with go test -race.
func leftOutOfRace(dir string) []string {
	race := build.Default
	race.BuildTags = append(slices.Clone(race.BuildTags), "race")
	entries, _ := os.ReadDir(dir)
	var files []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		plain, err1 := build.Default.MatchFile(dir, name)
		raced, err2 := race.MatchFile(dir, name)
		if err1 == nil && err2 == nil && plain && !raced {
			files = append(files, name)
		}
	}
	return files
}

// inPackage names each finding by the package's own path for its file, not
// the file the overlay put there: the compiler and vet name the
// replacement, and vet, whose results the go command caches by content,
// may name the replacement of an earlier check of the same code elsewhere.
// A finding in a .go file outside the module is taken to be the package
// file of that name.
func inPackage(fs []Finding, dir string, overlay map[string]string) []Finding {
	original := map[string]string{}
	for path, repl := range overlay {
		if repl != "" {
			original[filepath.Clean(repl)] = path
		}
	}
	root := ModuleRoot(dir)
	for i, f := range fs {
		file := filepath.Clean(f.File)
		if p, ok := original[file]; ok {
			fs[i].File = p
			continue
		}
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
			continue
		}
		if candidate := filepath.Join(dir, filepath.Base(file)); exists(candidate, overlay) {
			fs[i].File = candidate
		}
	}
	return fs
}

// exists reports whether path is a file after the overlay.
func exists(path string, overlay map[string]string) bool {
	if repl, ok := overlay[path]; ok {
		return repl != ""
	}
	_, err := os.Stat(path)
	return err == nil
}

// quoteFindings adds the source line to every finding.
func quoteFindings(src *sourceFiles, res *Result) {
	for _, fs := range [][]Finding{res.Build, res.Vet, res.Rules} {
		for i := range fs {
			if f := src.file(fs[i].File); f != nil {
				fs[i].Code = f.line(fs[i].Line)
			}
		}
	}
}

// withDefaults fills the zero fields of opts.
func withDefaults(opts Options) Options {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Repeat < 1 {
		opts.Repeat = 1
	}
	if len(opts.CPU) == 0 {
		opts.CPU = []int{0}
	}
	if opts.OutputLimit <= 0 {
		opts.OutputLimit = DefaultOutputLimit
	}
	if opts.MemoryLimit == 0 {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	return opts
}

// decide sets the package's verdict from its runs and findings.
func decide(res *Result) {
	res.Verdict = Pass
	for _, run := range res.Runs {
		if run.Verdict.Worse(res.Verdict) {
			res.Verdict, res.Message = run.Verdict, run.Message
		}
	}
	if d := res.Decisive(); d != nil {
		res.Tests, res.Output = d.Tests, d.Output
	}
	if v, msg := res.staticVerdict(); res.Verdict == Pass && v != Pass {
		res.Verdict, res.Message = v, msg
	}
}

// RunVerdict is the verdict of one of the package's runs, as it would be
// had it been the only run: its own, or vet or rule when it passed and the
// static checks found something.
func (r *Result) RunVerdict(run Run) Verdict {
	if run.Verdict != Pass {
		return run.Verdict
	}
	v, _ := r.staticVerdict()
	return v
}

// staticVerdict is what vet and the rules found: vet, rule or pass, with
// the first finding that decides as the message. Vet's notes decide
// nothing.
func (r *Result) staticVerdict() (Verdict, string) {
	for _, f := range r.Vet {
		if !f.Note {
			return Vet, f.String()
		}
	}
	if len(r.Rules) > 0 {
		return Rule, r.Rules[0].String()
	}
	return Pass, ""
}

// build compiles the package's test binary with the race detector. It
// reports built=false with the compiler's output when the code does not
// compile; an error only when the go command could not be run.
func (c *Checker) build(ctx context.Context, dir, overlay, binary string) (out string, built bool, err error) {
	out, status, err := c.goCommand(ctx, dir, buildArgs(binary, overlay)...)
	if err != nil || status != 0 {
		return out, false, err
	}
	if _, err := os.Stat(binary); err != nil {
		return out, false, nil // a package without test files builds nothing
	}
	return out, true, nil
}

// vet runs the concurrency analyzers of go vet over the package.
func (c *Checker) vet(ctx context.Context, dir, overlay string) ([]Finding, error) {
	out, status, err := c.goCommand(ctx, dir, vetArgs(overlay, ".")...)
	if err != nil {
		return nil, err
	}
	if status != 0 {
		// vet runs only after the build succeeded, so the code
		// type-checks: a failing vet is the toolchain's trouble, and
		// passing the package without its findings would be wrong.
		first, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
		return nil, fmt.Errorf("go vet exited with status %d: %s", status, first)
	}
	fs, err := parseVetJSON(out)
	if err != nil {
		return nil, nil // not JSON: a type error the build reports
	}
	return fs, nil
}

// goCommand runs the go command in dir, within the build limit, and returns
// what it printed and its exit status; an error only when it could not run
// or was stopped.
func (c *Checker) goCommand(ctx context.Context, dir string, args ...string) (string, int, error) {
	ctx, cancel := context.WithTimeout(ctx, buildLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.tc.Go, args...)
	cmd.Dir, cmd.Env = dir, c.tc.env
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	runErr := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case runErr == nil:
		return buf.String(), 0, nil
	case ctx.Err() != nil:
		return "", -1, fmt.Errorf("go %s: %w", args[0], ctx.Err())
	case errors.As(runErr, &exitErr) && exitErr.ExitCode() > 0:
		return buf.String(), exitErr.ExitCode(), nil
	}
	return "", -1, fmt.Errorf("go %s: %w", args[0], runErr)
}

// runAll runs the test binary opts.Repeat times at each CPU value, in
// parallel up to the checker's limit, and records every run in order.
func (c *Checker) runAll(ctx context.Context, res *Result, scope classifier, dir string, binary sealedBinary, expected []string, opts Options) error {
	var cpus []int // one entry per run
	for _, cpu := range opts.CPU {
		for range opts.Repeat {
			cpus = append(cpus, cpu)
		}
	}
	res.Runs = make([]Run, len(cpus))
	errs := make([]error, len(cpus))
	made := make([]bool, len(cpus))
	var hung atomic.Bool
	var wg sync.WaitGroup
	for i, cpu := range cpus {
		wg.Go(func() {
			select {
			case c.slot <- struct{}{}:
			case <-ctx.Done():
				errs[i] = ctx.Err()
				return
			}
			defer func() { <-c.slot }()
			if opts.StopOnHang && hung.Load() {
				return
			}
			res.Runs[i], errs[i] = c.runOnce(ctx, scope, dir, binary, expected, cpu, opts)
			made[i] = errs[i] == nil
			if v := res.Runs[i].Verdict; v == Deadlock || v == Timeout {
				hung.Store(true)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var runs []Run
	for i, run := range res.Runs {
		if made[i] {
			runs = append(runs, run)
		}
	}
	res.Runs = runs
	return nil
}

// runOnce runs the test binary once under test2json and classifies what it
// reported.
func (c *Checker) runOnce(ctx context.Context, scope classifier, dir string, sealed sealedBinary, expected []string, cpu int, opts Options) (Run, error) {
	scratch, err := os.MkdirTemp("", "racekit-run-")
	if err != nil {
		return Run{}, err
	}
	defer os.RemoveAll(scratch)
	binary, err := sealed.copyTo(scratch)
	if err != nil {
		return Run{}, err
	}
	work, err := workDir(scratch, dir, opts.Overlay)
	if err != nil {
		return Run{}, err
	}
	args := []string{binary,
		"-test.v=test2json", "-test.paniconexit0", "-test.count=1",
		"-test.timeout=" + opts.Timeout.String()}
	if cpu > 0 {
		args = append(args, "-test.cpu="+strconv.Itoa(cpu))
	}
	env, err := testEnv(scratch)
	if err != nil {
		return Run{}, err
	}
	// The binary writes to a file of the run's own, which test2json
	// converts as it grows: the binary never waits for the grader.
	p := process{dir: work, args: args, env: env, limit: opts.Timeout + killGrace, marker: runMarker(env), memLimit: max(opts.MemoryLimit, 0),
		output: filepath.Join(scratch, "output"), filter: []string{c.tc.Test2JSON, "-p", filepath.Base(dir)}}
	var log *Log
	pr, err := p.run(ctx, func(r io.Reader) { log, _ = ReadEvents(r, opts.OutputLimit) })
	if err != nil {
		return Run{}, fmt.Errorf("running the tests of %s: %w", dir, err)
	}
	proc := Process{ExitCode: pr.exitCode, Killed: pr.killed, Limit: opts.Timeout}
	if pr.memory > 0 {
		proc.OutOfMemory = opts.MemoryLimit
	}
	if pr.output > 0 {
		proc.TooMuchOutput = maxOutput
	}
	run := scope.classifyRun(log, expected, proc)
	run.CPU, run.Elapsed = cpu, pr.elapsed
	return run, nil
}

// staticRules checks opts.Rules on the package's non-test files.
func (c *Checker) staticRules(res *Result, dir string, opts Options) error {
	if len(opts.Rules) == 0 {
		return nil
	}
	code, err := ParseSource(dir, opts.Overlay)
	if err != nil {
		return err
	}
	var baseline *Source
	if opts.Baseline != "" {
		if baseline, err = ParseSource(opts.Baseline, opts.BaselineOverlay); err != nil {
			return err
		}
	}
	for _, r := range opts.Rules {
		res.Rules = append(res.Rules, r.check(code, baseline)...)
	}
	return nil
}

// ParseSource parses the non-test Go files of the package in dir, with the
// overlay applied. Files that do not parse are skipped: the build reports
// them.
func ParseSource(dir string, overlay map[string]string) (*Source, error) {
	src := &Source{Fset: token.NewFileSet()}
	var err error
	src.Files, err = parseFiles(src.Fset, dir, overlay, false)
	return src, err
}

// testFuncs lists the TestXxx functions of the package's test files.
func testFuncs(dir string, overlay map[string]string) ([]string, error) {
	files, err := parseFiles(token.NewFileSet(), dir, overlay, true)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range files {
		for _, d := range f.Decls {
			if fn, ok := isTestFunc(d); ok {
				names = append(names, fn)
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// parseFiles parses the package's test files or its other files, with the
// overlay applied, skipping files that do not parse.
func parseFiles(fset *token.FileSet, dir string, overlay map[string]string, tests bool) ([]*ast.File, error) {
	var files []*ast.File
	for _, name := range goFiles(dir, overlay, tests) {
		data, err := readOverlaid(name, overlay)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, data, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			continue
		}
		files = append(files, f)
	}
	return files, nil
}

// goFiles lists the package's .go files (test files or the others) after
// the overlay, as absolute paths, leaving out files excluded by build
// constraints.
func goFiles(dir string, overlay map[string]string, tests bool) []string {
	seen := map[string]bool{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() {
			seen[filepath.Join(dir, e.Name())] = true
		}
	}
	for path, repl := range overlay {
		if filepath.Dir(path) == dir {
			seen[path] = repl != ""
		}
	}
	var files []string
	for path, present := range seen {
		name := filepath.Base(path)
		if !present || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") != tests {
			continue
		}
		if _, err := os.Stat(path); err == nil {
			if ok, err := build.Default.MatchFile(dir, name); err == nil && !ok {
				continue
			}
		}
		files = append(files, path)
	}
	sort.Strings(files)
	return files
}

// readOverlaid reads a file, or its replacement in the overlay.
func readOverlaid(path string, overlay map[string]string) ([]byte, error) {
	if repl, ok := overlay[path]; ok {
		return os.ReadFile(repl)
	}
	return os.ReadFile(path)
}

// writeOverlay writes the overlay as the go command's -overlay JSON file.
func writeOverlay(tmp string, overlay map[string]string) (string, error) {
	if len(overlay) == 0 {
		return "", nil
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{overlay})
	if err != nil {
		return "", err
	}
	path := filepath.Join(tmp, "overlay.json")
	return path, os.WriteFile(path, data, 0o644)
}

// ModuleRoot returns the directory of the go.mod that holds dir, or dir:
// the root that reported paths are relative to.
func ModuleRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
