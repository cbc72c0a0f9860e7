package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/learn"
	"github.com/racekit/racekit/internal/progress"
	"github.com/racekit/racekit/internal/report"
	"github.com/racekit/racekit/internal/watch"
)

// defineWatch is grade watch: the current exercise (the first not done),
// graded again each time one of its files is saved, with keys for hints,
// the list, the next exercise and, once it passes, the solution.
func defineWatch(*flag.FlagSet) func(a *app, args []string) error {
	return func(a *app, args []string) error {
		if len(args) > 0 {
			return usagef("watch takes no arguments")
		}
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		ctx, cancel := signalContext()
		defer cancel()
		g, err := a.newGrader(ctx)
		if err != nil {
			return err
		}
		defer g.Close()
		_, err = os.Stat(progress.Path(root))
		firstRun := os.IsNotExist(err)
		w := &watcher{
			a: a, root: root, g: g, cat: g.Catalog(), state: a.loadProgress(root), welcome: firstRun,
			verdicts: make(chan verdict, 4), width: 80, height: 24,
		}
		return w.run(ctx)
	}
}

// view is what the screen shows besides the exercise.
type view int

const (
	viewExercise view = iota
	viewList
	viewSolution
	viewWelcome
)

// verdict is the outcome of one grading run.
type verdict struct {
	id     int
	result *report.Result
	// warnings are the document's: files of the working copy ignored.
	warnings []string
	err      error
	took     time.Duration
}

// watcher is grade watch's state. One event loop owns it: keys, saves and
// verdicts arrive on channels and only run changes it.
type watcher struct {
	a     *app
	root  string
	g     *grading.Grader
	cat   *catalog.Catalog
	state *progress.State
	files *watch.Files

	idx      int // the exercise on screen
	view     view
	result   *report.Result
	warnings []string
	took     time.Duration
	running  bool
	runID    int
	cancel   context.CancelFunc
	verdicts chan verdict
	// notice is said on every screen: what does not work here.
	notice string
	// status is the last thing that happened.
	status string
	raw    bool
	// welcome shows the welcome first: no progress file yet.
	welcome bool
	// watching is whether saves are seen.
	watching bool
	// width and height are the screen's size.
	width, height int
}

// run is the event loop.
func (w *watcher) run(ctx context.Context) error {
	out := w.a.stdout
	var notices []string
	if in, ok := w.a.stdin.(*os.File); ok && term.IsTerminal(int(in.Fd())) {
		if old, err := term.MakeRaw(int(in.Fd())); err == nil {
			w.raw = true
			defer term.Restore(int(in.Fd()), old)
		}
	}
	if !w.raw {
		notices = append(notices, "this terminal cannot read single keys: type the key, then Enter")
	}
	files, err := watch.NewFiles(watch.Debounce)
	if err == nil {
		// The watcher starts on a Windows drive under WSL or on a network
		// mount, but saves there raise no event: say so, and re-run on
		// Enter.
		if unseen := watch.Unseen(w.root); unseen != nil {
			files.Close()
			files, err = nil, unseen
		}
	}
	if err == nil {
		w.files, w.watching = files, true
		defer files.Close()
	} else {
		notices = append(notices, fmt.Sprintf("cannot watch files here (%v): save, then press Enter to grade again", err))
	}
	w.notice = strings.Join(notices, "; ")
	fmt.Fprint(out, "\x1b[?25l") // hide the cursor while watching
	defer fmt.Fprint(out, "\x1b[?25h")

	keys := make(chan byte)
	go w.readKeys(keys)
	first := w.state.FirstPending(names(w.cat))
	w.open(max(first, 0))
	if first < 0 {
		w.status = "every exercise is done! n goes through them again"
	}
	if w.welcome {
		w.view = viewWelcome
	}
	for {
		w.draw()
		var changes <-chan string
		var watchErrs <-chan error
		if w.files != nil {
			changes, watchErrs = w.files.Changes(), w.files.Errors()
		}
		select {
		case <-ctx.Done():
			w.stop()
			return nil
		case k, ok := <-keys:
			if !ok || !w.key(k) {
				w.stop()
				w.clear()
				all := names(w.cat)
				fmt.Fprintf(out, "grade: watch stopped at %s; %d/%d done\r\n", w.cat.Exercises[w.idx].Name, w.state.Count(all), len(all))
				return nil
			}
		case name := <-changes:
			w.status = "saved " + filepath.Base(name)
			w.view = viewExercise
			w.grade()
		case err := <-watchErrs:
			w.notice = fmt.Sprintf("file watching failed (%v): save, then press Enter to grade again", err)
			w.watching = false
		case v := <-w.verdicts:
			if v.id == w.runID {
				w.finish(v)
			}
		}
	}
}

// readKeys sends each key typed: one byte in raw mode, the first of each
// line otherwise (Enter alone is "\r": grade again).
func (w *watcher) readKeys(keys chan<- byte) {
	defer close(keys)
	r := bufio.NewReader(w.a.stdin)
	for {
		if w.raw {
			b, err := r.ReadByte()
			if err != nil {
				return
			}
			keys <- b
			continue
		}
		line, err := r.ReadString('\n')
		if line = strings.TrimSpace(line); line != "" {
			keys <- line[0]
		} else if err == nil {
			keys <- '\r'
		}
		if err != nil {
			return
		}
	}
}

// key handles one key; false means quit.
func (w *watcher) key(k byte) bool {
	passed := w.result != nil && w.result.Passed
	if w.view != viewExercise && k != 'q' && k != 3 && k != 4 {
		// Any key leaves the list or the solution; after a pass it
		// moves on.
		leaving := w.view
		w.view = viewExercise
		if leaving == viewSolution && passed {
			w.moveOn()
		}
		return true
	}
	switch k {
	case 'q', 3, 4: // q, Ctrl-C, Ctrl-D
		return false
	case 'r', '\r', '\n':
		w.status = "grading again"
		w.grade()
	case 'n':
		if w.idx+1 < len(w.cat.Exercises) {
			w.open(w.idx + 1)
		} else {
			w.status = "this is the last exercise"
		}
	case 'h':
		ex := w.cat.Exercises[w.idx]
		switch {
		case passed:
			w.status = "it passes: no hint needed"
		case w.state.Hints(ex.Name) >= len(ex.Hints):
			w.status = "every hint is shown; 'grade solution " + shortName(ex) + " --force' shows the solution"
		default:
			w.state.SetHints(ex.Name, max(w.state.Hints(ex.Name), 1)+1)
			w.w(w.state.Save(w.root))
			w.status = fmt.Sprintf("hint %d/%d", w.state.Hints(ex.Name), len(ex.Hints))
		}
	case 'l':
		w.view = viewList
	case 's':
		if passed {
			w.view = viewSolution
		} else {
			w.status = "the solution is shown once the exercise passes"
		}
	default:
		if passed {
			w.moveOn()
		}
	}
	return true
}

// w keeps an error in the status line: nothing watch does is worth
// stopping for.
func (w *watcher) w(err error) {
	if err != nil {
		w.status = "grade: " + err.Error()
	}
}

// moveOn opens the next exercise not done.
func (w *watcher) moveOn() {
	if next := w.nextPending(); next >= 0 {
		w.open(next)
		return
	}
	w.status = "every exercise is done!"
}

// nextPending returns the next exercise not done, looking after this one
// first; -1 when every one is done.
func (w *watcher) nextPending() int {
	all := names(w.cat)
	for i := 1; i <= len(all); i++ {
		j := (w.idx + i) % len(all)
		if !w.state.Done(all[j]) {
			return j
		}
	}
	return -1
}

// open makes exercise i the current one, watches its folder and grades it.
func (w *watcher) open(i int) {
	w.idx, w.view, w.result, w.warnings = i, viewExercise, nil, nil
	ex := w.cat.Exercises[i]
	if w.files != nil {
		if err := w.files.Watch(filepath.Join(w.root, filepath.FromSlash(ex.Dir()))); err != nil {
			w.notice = fmt.Sprintf("cannot watch %s (%v): save, then press Enter to grade again", ex.Dir(), err)
			w.watching = false
		}
	}
	w.grade()
}

// grade starts grading the current exercise, cancelling a run under way.
func (w *watcher) grade() {
	if w.cancel != nil {
		w.cancel()
	}
	w.runID++
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel, w.running = cancel, true
	id, ex, start := w.runID, w.cat.Exercises[w.idx], time.Now()
	go func() {
		doc, err := w.g.Grade(ctx, grading.Request{Command: "run", Root: w.root, Exercises: []catalog.Exercise{ex}})
		v := verdict{id: id, err: err, took: time.Since(start)}
		if err == nil {
			v.result = &doc.Results[0]
			for _, warn := range doc.Warnings {
				v.warnings = append(v.warnings, warn.String())
			}
		}
		w.verdicts <- v
	}()
}

// stop cancels a run under way and waits a moment for its test processes
// to be stopped.
func (w *watcher) stop() {
	if w.cancel == nil || !w.running {
		return
	}
	w.cancel()
	deadline := time.After(2 * time.Second)
	for {
		select {
		case v := <-w.verdicts:
			if v.id == w.runID {
				return
			}
		case <-deadline:
			return
		}
	}
}

// finish takes in a run's verdict and records it.
func (w *watcher) finish(v verdict) {
	w.running, w.took = false, v.took
	if v.err != nil {
		w.status = "grade: " + oneLine(v.err)
		return
	}
	w.result, w.warnings = v.result, v.warnings
	w.state.SetDone(v.result.Name, v.result.Passed)
	w.w(w.state.Save(w.root))
	w.status = fmt.Sprintf("graded in %.1fs at %s", v.took.Seconds(), time.Now().Format("15:04:05"))
}

// clear empties the screen on the way out.
func (w *watcher) clear() {
	fmt.Fprint(w.a.stdout, "\x1b[H\x1b[2J")
}

// resize takes the terminal's size, when it is one and not too small;
// else the screen is 80x24.
func (w *watcher) resize() {
	w.width, w.height = 80, 24
	if f, ok := w.a.stdout.(*os.File); ok {
		if cols, rows, err := term.GetSize(int(f.Fd())); err == nil && cols >= 40 && rows >= 12 {
			w.width, w.height = cols, rows
		}
	}
}

// draw redraws the whole screen: the cursor goes home, each line clears
// what was after it, and what is below the last line is cleared.
func (w *watcher) draw() {
	w.resize()
	lines := w.screen()
	var b strings.Builder
	b.WriteString("\x1b[H")
	for i, l := range lines {
		b.WriteString(l)
		b.WriteString("\x1b[K")
		if i < len(lines)-1 {
			b.WriteString("\r\n")
		}
	}
	b.WriteString("\x1b[J")
	fmt.Fprint(w.a.stdout, b.String())
}

// screen lays out the screen's lines: a header, the body, a footer.
func (w *watcher) screen() []string {
	ex := w.cat.Exercises[w.idx]
	all := names(w.cat)
	rule := strings.Repeat("─", w.width)
	head := fmt.Sprintf("grade watch · %s · exercise %d of %d", bar(w.state.Count(all), len(all)), w.idx+1, len(all))
	var foot []string
	foot = append(foot, rule)
	status := w.status
	if w.running {
		status = "grading " + ex.Name + "…"
	}
	if len(w.warnings) > 0 {
		status += fmt.Sprintf(" · ignored: %s", w.warnings[0])
	}
	foot = append(foot, status)
	if w.notice != "" {
		foot = append(foot, "grade: "+w.notice)
	}
	foot = append(foot, w.keysLine())
	var footLines []string
	for _, l := range foot {
		footLines = append(footLines, watch.Wrap(l, w.width)...)
	}
	rows := w.height - 1 - len(footLines)
	var body []string
	switch w.view {
	case viewList:
		body = w.listBody(rows)
	case viewSolution:
		body = w.solutionBody(rows)
	case viewWelcome:
		body = w.welcomeBody(rows)
	default:
		body = w.exerciseBody(rows)
	}
	lines := append([]string{watch.Wrap(head, w.width)[0]}, body...)
	for len(lines) < w.height-len(footLines) {
		lines = append(lines, "")
	}
	return append(lines, footLines...)
}

// keysLine says which keys do what now.
func (w *watcher) keysLine() string {
	passed := w.result != nil && w.result.Passed
	switch {
	case w.view == viewList:
		return "any key: back · q quit"
	case w.view == viewWelcome:
		return "any key: start · q quit"
	case w.view == viewSolution && passed:
		return "any key: next exercise · q quit"
	case passed:
		return "s show the solution · any other key: next exercise · l list · q quit"
	}
	return "h hint · r re-run · n next · l list · q quit"
}

// exerciseBody is the exercise: where to edit, its diagnosis, its hints.
func (w *watcher) exerciseBody(rows int) []string {
	ex := w.cat.Exercises[w.idx]
	lines := append(watch.Wrap("edit "+path.Join(ex.Dir(), "main.go")+"; each save grades it again", w.width), "")
	if w.result == nil {
		lines = append(lines, ex.Name+" · "+ex.Title, "", "grading…")
		return watch.Clip(lines, rows, "…")
	}
	var diag strings.Builder
	report.Explain(&diag, *w.result, report.Detail{Title: ex.Title})
	lines = append(lines, watch.Wrap(diag.String(), w.width)...)
	if w.result.Passed {
		lines = append(lines, "",
			fmt.Sprintf("✓ %s passes! it took %.1fs to grade.", ex.Name, w.took.Seconds()),
			"press s to compare with the reference solution, or any other key to move on")
		if next := w.nextPending(); next >= 0 {
			n := w.cat.Exercises[next]
			lines = append(lines, "", watch.Wrap("next: "+n.Name+" · "+n.Title, w.width)[0])
		}
		return watch.Clip(lines, rows, "…")
	}
	var hints []string
	shown := max(w.state.Hints(ex.Name), 1)
	for i := 0; i < shown && i < len(ex.Hints); i++ {
		hints = append(hints, watch.Wrap(fmt.Sprintf("hint %d/%d: %s", i+1, len(ex.Hints), ex.Hints[i]), w.width)...)
	}
	more := fmt.Sprintf("… more: grade run %s", shortName(ex))
	if len(lines)+1+len(hints) <= rows {
		return append(append(lines, ""), hints...)
	}
	// The hints always show; the diagnosis gives up its last lines.
	keep := max(rows-1-len(hints), 1)
	body := append(append(watch.Clip(lines, keep, more), ""), hints...)
	return watch.Clip(body, rows, more)
}

// listBody is every exercise, done or not, around the current one.
func (w *watcher) listBody(rows int) []string {
	lines := make([]string, 0, len(w.cat.Exercises))
	for i, ex := range w.cat.Exercises {
		mark := "  "
		if w.state.Done(ex.Name) {
			mark = "✓ "
		}
		if i == w.idx {
			mark = "▶ "
		}
		lines = append(lines, watch.Wrap(mark+ex.Name+" · "+ex.Title, w.width)[0])
	}
	if len(lines) <= rows {
		return lines
	}
	first := min(max(w.idx-rows/2, 0), len(lines)-rows)
	return lines[first : first+rows]
}

// solutionBody is the reference solution, as much of it as fits.
func (w *watcher) solutionBody(rows int) []string {
	ex := w.cat.Exercises[w.idx]
	files, err := learn.Solution(w.root, ex)
	if err != nil {
		return []string{"grade: " + err.Error()}
	}
	var lines []string
	for _, f := range files {
		lines = append(lines, "── "+f.Path)
		lines = append(lines, watch.Wrap(string(f.Data), w.width)...)
	}
	return watch.Clip(lines, rows, "… the rest: grade solution "+shortName(ex))
}

// welcomeBody greets a newcomer: what works here, and in five lines how
// to work. What would not work (no go command, no cgo, no C compiler)
// stops grade before this, with its fix.
func (w *watcher) welcomeBody(rows int) []string {
	ex := w.cat.Exercises[w.idx]
	check := func(ok bool, yes, no string) string {
		if ok {
			return "✓ " + yes
		}
		return "✗ " + no
	}
	lines := []string{
		fmt.Sprintf("welcome to racekit: %d programs with concurrency bugs, to fix one at a time", len(w.cat.Exercises)),
		"",
		"✓ " + w.g.GoVersion() + " with cgo and a C compiler: the race detector works here",
		check(w.raw, "this terminal reads single keys", "this terminal cannot read single keys: type a key, then Enter"),
		check(w.watching, "saves are seen: each save grades the exercise again", "saves are not seen here: save, then press Enter to grade again"),
		"",
		"1. read " + path.Join(ex.Dir(), "README.md") + ": the story of the bug",
		"2. edit its main.go in your editor and save: this screen says what is wrong",
		"3. stuck? h shows the next hint, r grades again, l lists the exercises",
		"4. when it passes, s shows the reference solution; any key moves on",
		"5. your progress is kept in " + progress.File + "; grade next says where you are",
	}
	var out []string
	for _, l := range lines {
		out = append(out, watch.Wrap(l, w.width)...)
	}
	return watch.Clip(out, rows, "…")
}
