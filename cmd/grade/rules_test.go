package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit/internal/catalog"
)

func TestRuleUsers(t *testing.T) {
	entry := func(n, rules string) string {
		return "[[exercises]]\nname = \"" + n + "_x\"\ntitle = \"t\"\nbug = \"b\"\nfix = \"f\"\nverdict = \"race\"\nrules = [" + rules + "]\nhints = [\"a\", \"b\", \"c\"]\n"
	}
	cat, err := catalog.Parse([]byte(`rules = ["no-norace"]` + "\n" +
		entry("01", `"keep-go"`) + entry("02", `"keep-go"`) + entry("03", `"keep-go", "no-spin"`) + entry("05", `"keep-go"`)))
	require.NoError(t, err)
	for rule, want := range map[string]string{
		"no-norace":  "every exercise",
		"keep-go":    "exercises 01-03, 05",
		"no-spin":    "exercise 03",
		"atomic-rmw": "no exercise",
	} {
		assert.Equal(t, want, ruleUsers(cat, rule), rule)
	}
}
