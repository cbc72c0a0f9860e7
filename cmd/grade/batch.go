package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/batch"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/grading"
)

// defaultOut is the output folder of batch and merge when --out is not
// given: racekit-batch in the working directory.
const defaultOut = "racekit-batch"

// defineBatch is grade batch: every student folder of DIR, graded with one
// grader, into an output folder.
func defineBatch(fs *flag.FlagSet) func(a *app, args []string) error {
	out := fs.String("out", defaultOut, "output `folder`: students/NAME.json, index.json, gradebook.csv, report.html")
	jobs := fs.Int("jobs", runtime.NumCPU(), "`students` graded at once")
	shard := fs.String("shard", "", "grade only the K-th of N slices of the class, `K/N`: students whose sorted index is K-1 modulo N")
	return func(a *app, args []string) error {
		if len(args) != 1 {
			return usagef("batch takes one folder of student folders: grade batch DIR")
		}
		if *jobs < 1 {
			return usagef("--jobs must be at least 1")
		}
		var sh batch.Shard
		if *shard != "" {
			var err error
			if sh, err = batch.ParseShard(*shard); err != nil {
				return usagef("%v", err)
			}
		}
		if st, err := os.Stat(args[0]); err != nil || !st.IsDir() {
			return hinted{fmt.Errorf("%s is not a folder", args[0]), "grade batch DIR takes a folder that holds one copy of the kit per student"}
		}
		ctx, cancel := signalContext()
		defer cancel()
		g, err := a.newClassGrader(ctx, batchCacheSize(args[0], *out))
		if err != nil {
			return err
		}
		defer g.Close()
		p := a.newProgress()
		sum, err := batch.Run(ctx, batch.Options{
			Dir: args[0], Out: *out, Jobs: *jobs, Shard: sh, Grader: g, Catalog: g.Catalog(),
			Version: version(), Go: g.GoVersion(), Start: p.start, Progress: p.step,
		})
		p.finish()
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "grade: %d students graded, %d unchanged", sum.Graded, sum.Reused)
		if sum.Skipped > 0 {
			fmt.Fprintf(a.stderr, ", %d in other shards", sum.Skipped)
		}
		if n := g.SharedResults(); n > 0 {
			fmt.Fprintf(a.stderr, "; %d exercises had the same code as another student's, graded once", n)
		}
		fmt.Fprintf(a.stderr, "; wrote %s\n", *out)
		return nil
	}
}

// batchCacheSize is the binary cache a batch over dir wants: room for one
// test binary per exercise and student, so that an exercise left as shipped
// or a fix copied by many students is linked once for the whole class
// (see grading.BinaryCacheSizeFor for the cap and the disk it costs).
func batchCacheSize(dir, out string) int {
	students, err := batch.Students(dir, out)
	if err != nil {
		return 0
	}
	exercises := 0
	if cat, err := catalog.Load(racekit.Shipped); err == nil {
		exercises = len(cat.Exercises)
	}
	return grading.BinaryCacheSizeFor(exercises, len(students))
}

// defineMerge is grade merge: the output folders of several shards joined
// into one.
func defineMerge(fs *flag.FlagSet) func(a *app, args []string) error {
	out := fs.String("out", defaultOut, "output `folder` of the merged class")
	return func(a *app, args []string) error {
		if len(args) == 0 {
			return usagef("merge takes the output folders of grade batch: grade merge OUTDIR...")
		}
		students, err := batch.Merge(*out, args)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "grade: merged %d students from %d folders; wrote %s\n", len(students), len(args), *out)
		return nil
	}
}

// batchProgress shows how far grade batch is: a bar with counts and time left
// on a terminal, else one line per finished student.
type batchProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
	tty bool
}

// newProgress writes progress to standard error, with a bar when it is a
// terminal.
func (a *app) newProgress() *batchProgress {
	p := &batchProgress{w: a.stderr}
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
	}
	return p
}

// start is told how many students there are.
func (p *batchProgress) start(total int) {
	if !p.tty {
		return
	}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("grade: grading"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionSetWidth(30),
	)
}

// step is told that one student finished.
func (p *batchProgress) step(e batch.Event) {
	line := fmt.Sprintf("grade: %d/%d %s %d/%d points", e.Done, e.Total, e.Student, e.Score, e.Max)
	switch {
	case e.Reused:
		line += " (unchanged)"
	case e.Err != nil:
		line += fmt.Sprintf(" (not graded: %s)", oneLine(e.Err))
	}
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("grade: %s %d/%d", e.Student, e.Score, e.Max))
		p.bar.Add(1)
		if e.Err != nil {
			p.bar.Clear()
			fmt.Fprintln(p.w, line)
		}
		return
	}
	fmt.Fprintln(p.w, line)
}

// finish ends the bar.
func (p *batchProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.w)
	}
}
