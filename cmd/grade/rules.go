package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
)

// defineRules is grade rules: every static rule, what it forbids and
// which exercises keep it; or the rules of one exercise.
func defineRules(*flag.FlagSet) func(a *app, args []string) error {
	return func(a *app, args []string) error {
		cat, err := loadCatalog()
		if err != nil {
			return err
		}
		if len(args) > 0 {
			ex, err := findExercise(cat, "rules", args)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s · %s\n", ex.Name, ex.Title)
			if len(ex.Rules) == 0 {
				fmt.Fprintln(a.stdout, "no static rules")
			}
			for _, r := range ex.StaticRules() {
				writeRule(a.stdout, r, "")
			}
			return nil
		}
		for _, r := range checker.Rules {
			writeRule(a.stdout, r, ruleUsers(cat, r.Name))
		}
		return nil
	}
}

// writeRule prints a rule's name, where it applies, and its explanation.
func writeRule(w io.Writer, r checker.StaticRule, users string) {
	if users != "" {
		fmt.Fprintf(w, "%s (%s)\n", r.Name, users)
	} else {
		fmt.Fprintln(w, r.Name)
	}
	fmt.Fprintf(w, "  %s\n", r.Explain)
}

// ruleUsers says which exercises keep the rule: "every exercise", "no
// exercise", or their numbers with runs joined: "01-05, 09".
func ruleUsers(cat *catalog.Catalog, name string) string {
	if slices.Contains(cat.Rules, name) {
		return "every exercise"
	}
	var nums []int
	for _, e := range cat.Exercises {
		if slices.Contains(e.Rules, name) {
			nums = append(nums, e.Number())
		}
	}
	if len(nums) == 0 {
		return "no exercise"
	}
	var parts []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		part := fmt.Sprintf("%02d", nums[i])
		if j > i {
			part += "-" + fmt.Sprintf("%02d", nums[j])
		}
		parts = append(parts, part)
		i = j + 1
	}
	if len(nums) == 1 {
		return "exercise " + parts[0]
	}
	return "exercises " + strings.Join(parts, ", ")
}
