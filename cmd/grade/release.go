package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/release"
)

// defineRelease is grade release DIR: a student starter repository with
// the exercises as shipped and the Classroom workflow pinned to this
// grader's version.
func defineRelease(fs *flag.FlagSet) func(a *app, args []string) error {
	force := fs.Bool("force", false, "write into a folder that is not empty, replacing the release's files there")
	return func(a *app, args []string) error {
		if len(args) != 1 {
			return usagef("release takes one folder: grade release DIR")
		}
		res, err := release.Write(args[0], racekit.Shipped, release.Options{Version: version(), Force: *force})
		if errors.Is(err, release.ErrNotEmpty) {
			return usagef("%s is not empty: write to a new folder, or use --force to write over the release's files there", args[0])
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote a student repository of %d files to %s\n", len(res.Files), res.Dir)
		fmt.Fprintf(a.stdout, "its workflow (%s) and README install grade@%s\n", release.WorkflowPath, res.Install)
		if res.Devel {
			fmt.Fprintf(a.stderr, "grade: warning: this grader is a development build (%s), so the release installs grade@latest\n", version())
			fmt.Fprintln(a.stderr, "grade: hint: to pin a version, release with a grader installed at it: go install github.com/racekit/racekit/cmd/grade@VERSION")
		}
		return nil
	}
}
