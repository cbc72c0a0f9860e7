// Package catalog reads racekit's exercise catalog, exercises/info.toml:
// the exercises in the order students take them, the verdict each one must
// get as shipped, its hints, time limit and static rules.
package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/racekit/racekit/checker"
)

// File is the catalog's path inside the kit.
const File = "exercises/info.toml"

// DefaultTimeout is an exercise's time limit when its entry gives none.
const DefaultTimeout = 10 * time.Second

// Exercise is one entry of the catalog.
type Exercise struct {
	// Name is the folder under exercises/ and solutions/: NN_slug.
	Name string `toml:"name"`
	// Title says in one line what goes wrong.
	Title string `toml:"title"`
	// Bug is the class of bug, as in the README's table.
	Bug string `toml:"bug"`
	// Fix is the primitive that fixes it.
	Fix string `toml:"fix"`
	// Verdict is what the exercise as shipped must get.
	Verdict checker.Verdict `toml:"verdict"`
	// Timeout is the limit for one run of its tests; parsed from a
	// duration string such as "20s".
	Timeout Duration `toml:"timeout"`
	// Rules are the names of the static rules the fix must keep: after
	// Parse, the catalog's rules for every exercise, then the entry's own.
	Rules []string `toml:"rules"`
	// Hints are three hints: a nudge, the concept, nearly the answer.
	Hints []string `toml:"hints"`
	// Points are what passing the exercise is worth (default 1).
	Points int `toml:"points"`
}

// Worth returns the exercise's points: its entry's, or 1.
func (e Exercise) Worth() int {
	if e.Points > 0 {
		return e.Points
	}
	return 1
}

// Number returns the exercise's number, the NN of its name.
func (e Exercise) Number() int {
	n, _ := strconv.Atoi(strings.SplitN(e.Name, "_", 2)[0])
	return n
}

// Dir returns the exercise's folder, relative to the kit's root.
func (e Exercise) Dir() string { return path.Join("exercises", e.Name) }

// SolutionDir returns the folder of its solution, relative to the kit's
// root.
func (e Exercise) SolutionDir() string { return path.Join("solutions", e.Name) }

// Limit returns the exercise's time limit for one run of its tests.
func (e Exercise) Limit() time.Duration {
	if e.Timeout.Duration > 0 {
		return e.Timeout.Duration
	}
	return DefaultTimeout
}

// StaticRules returns the checker's rules named by the entry.
func (e Exercise) StaticRules() []checker.StaticRule {
	var rs []checker.StaticRule
	for _, name := range e.Rules {
		if r, ok := checker.LookupRule(name); ok {
			rs = append(rs, r)
		}
	}
	return rs
}

// Duration is a time.Duration written as a string ("20s") in TOML.
type Duration struct{ time.Duration }

// UnmarshalText parses a duration string.
func (d *Duration) UnmarshalText(text []byte) error {
	v, err := time.ParseDuration(string(text))
	d.Duration = v
	return err
}

// Catalog is the ordered list of exercises.
type Catalog struct {
	// Rules are the static rules every exercise keeps on top of its
	// entry's own: the catalog's top-level rules key. Parse adds them to
	// each entry's Rules, so Exercise.Rules lists all of an exercise's
	// rules.
	Rules     []string   `toml:"rules"`
	Exercises []Exercise `toml:"exercises"`
}

var namePattern = regexp.MustCompile(`^[0-9]{2}_[a-z0-9_]+$`)

// Load reads and validates the catalog from the kit's file system.
func Load(kit fs.FS) (*Catalog, error) {
	data, err := fs.ReadFile(kit, File)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse reads and validates a catalog.
func Parse(data []byte) (*Catalog, error) {
	var c Catalog
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", File, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return nil, fmt.Errorf("%s: unknown key %s", File, undecoded[0])
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", File, err)
	}
	for i, e := range c.Exercises {
		rules := slices.Clone(c.Rules)
		for _, r := range e.Rules {
			if !slices.Contains(rules, r) {
				rules = append(rules, r)
			}
		}
		c.Exercises[i].Rules = rules
	}
	return &c, nil
}

// validate checks every entry: names well formed, unique and in order,
// verdicts and rules known, three hints.
func (c *Catalog) validate() error {
	var errs []error
	for _, r := range c.Rules {
		if _, ok := checker.LookupRule(r); !ok {
			errs = append(errs, fmt.Errorf("catalog rules: unknown rule %q", r))
		}
	}
	seen := map[string]bool{}
	prev := 0
	for _, e := range c.Exercises {
		switch {
		case !namePattern.MatchString(e.Name):
			errs = append(errs, fmt.Errorf("exercise %q: name must look like NN_slug", e.Name))
			continue
		case seen[e.Name]:
			errs = append(errs, fmt.Errorf("exercise %q: listed twice", e.Name))
		case e.Number() <= prev:
			errs = append(errs, fmt.Errorf("exercise %q: numbers must increase", e.Name))
		}
		seen[e.Name] = true
		prev = e.Number()
		if _, err := checker.ParseVerdict(string(e.Verdict)); err != nil || e.Verdict == checker.Pass {
			errs = append(errs, fmt.Errorf("exercise %q: verdict %q: must be a failing verdict", e.Name, e.Verdict))
		}
		for _, r := range e.Rules {
			if _, ok := checker.LookupRule(r); !ok {
				errs = append(errs, fmt.Errorf("exercise %q: unknown rule %q", e.Name, r))
			}
		}
		if e.Points < 0 {
			errs = append(errs, fmt.Errorf("exercise %q: points must not be negative", e.Name))
		}
		if len(e.Hints) != 3 {
			errs = append(errs, fmt.Errorf("exercise %q: has %d hints, want 3", e.Name, len(e.Hints)))
		}
		if e.Title == "" || e.Bug == "" || e.Fix == "" {
			errs = append(errs, fmt.Errorf("exercise %q: needs a title, a bug and a fix", e.Name))
		}
	}
	return errors.Join(errs...)
}

// Find returns the exercise named by its full name, its slug or its
// number ("01_wait_for_workers", "wait_for_workers", "01" or "1").
func (c *Catalog) Find(query string) (Exercise, bool) {
	n, numErr := strconv.Atoi(query)
	for _, e := range c.Exercises {
		_, slug, _ := strings.Cut(e.Name, "_")
		if e.Name == query || slug == query || (numErr == nil && e.Number() == n) {
			return e, true
		}
	}
	return Exercise{}, false
}
