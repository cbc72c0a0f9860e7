package catalog

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/checker"
)

const entry = `
[[exercises]]
name = "01_wait"
title = "t"
bug = "premature exit"
fix = "sync.WaitGroup"
verdict = "exit"
timeout = "5s"
rules = ["keep-go"]
hints = ["a", "b", "c"]
`

func TestParse(t *testing.T) {
	c, err := Parse([]byte(entry))
	require.NoError(t, err)
	require.Len(t, c.Exercises, 1)
	ex := c.Exercises[0]
	assert.Equal(t, 1, ex.Number())
	assert.Equal(t, "exercises/01_wait", ex.Dir())
	assert.Equal(t, "solutions/01_wait", ex.SolutionDir())
	assert.Equal(t, 5*time.Second, ex.Limit())
	assert.Equal(t, checker.Exit, ex.Verdict)
	require.Len(t, ex.StaticRules(), 1)
	for _, q := range []string{"01_wait", "wait", "01", "1"} {
		found, ok := c.Find(q)
		assert.True(t, ok, q)
		assert.Equal(t, "01_wait", found.Name)
	}
	_, ok := c.Find("2")
	assert.False(t, ok)
}

// TestParseCatalogRules checks that the catalog's top-level rules apply to
// every exercise, before its own and without repeating one.
func TestParseCatalogRules(t *testing.T) {
	c, err := Parse([]byte(`rules = ["no-norace", "keep-go"]` + "\n" + entry))
	require.NoError(t, err)
	assert.Equal(t, []string{"no-norace", "keep-go"}, c.Exercises[0].Rules)
	require.Len(t, c.Exercises[0].StaticRules(), 2)
	_, err = Parse([]byte(`rules = ["no-fun"]` + "\n" + entry))
	assert.ErrorContains(t, err, `catalog rules: unknown rule "no-fun"`)
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"bad name", `[[exercises]]
name = "wait"`, `name must look like NN_slug`},
		{"unknown verdict", replace(entry, `"exit"`, `"racy"`), `verdict "racy": must be a failing verdict`},
		{"pass verdict", replace(entry, `"exit"`, `"pass"`), `must be a failing verdict`},
		{"unknown rule", replace(entry, `"keep-go"`, `"no-fun"`), `unknown rule "no-fun"`},
		{"two hints", replace(entry, `"a", "b", "c"`, `"a", "b"`), `has 2 hints, want 3`},
		{"twice", entry + entry, `listed twice`},
		{"unknown key", entry + "colour = 1\n", `unknown key`},
		{"bad timeout", replace(entry, `"5s"`, `"soon"`), `invalid duration`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.text))
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

// TestShippedCatalog loads the kit's own catalog.
func TestShippedCatalog(t *testing.T) {
	c, err := Load(racekit.Shipped)
	require.NoError(t, err)
	assert.NotEmpty(t, c.Exercises)
}

func replace(s, old, new string) string {
	return strings.Replace(s, old, new, 1)
}
