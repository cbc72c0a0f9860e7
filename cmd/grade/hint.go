package main

import (
	"flag"
	"fmt"
)

// defineHint is grade hint: the exercise's next hint, one tier more each
// time, remembered in the progress state; --tier shows a given one.
func defineHint(fs *flag.FlagSet) func(a *app, args []string) error {
	tier := fs.Int("tier", 0, "show hint `tier` K (1 to 3) instead of the next one")
	return func(a *app, args []string) error {
		cat, err := loadCatalog()
		if err != nil {
			return err
		}
		ex, err := findExercise(cat, "hint", args)
		if err != nil {
			return err
		}
		n := len(ex.Hints)
		if *tier < 0 || *tier > n {
			return usagef("--tier must be between 1 and %d", n)
		}
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		s := a.loadProgress(root)
		k := *tier
		if k == 0 {
			k = s.NextHint(ex.Name, n)
		} else {
			s.SetHints(ex.Name, max(k, s.Hints(ex.Name)))
		}
		a.saveProgress(root, s)
		fmt.Fprintf(a.stdout, "%s · %s\n", ex.Name, ex.Title)
		fmt.Fprintf(a.stdout, "hint %d/%d: %s\n", k, n, ex.Hints[k-1])
		if k < n {
			fmt.Fprintf(a.stdout, "more: grade hint %s\n", shortName(ex))
		} else {
			fmt.Fprintf(a.stdout, "that was the last hint; once it passes, compare with the solution: grade solution %s\n", shortName(ex))
		}
		return nil
	}
}
