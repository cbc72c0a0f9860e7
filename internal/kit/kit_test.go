package kit

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/racekit/racekit/checker"
)

func TestParseWant(t *testing.T) {
	tests := []struct {
		text string
		want []checker.Verdict
	}{
		{"race\n", []checker.Verdict{checker.Race}},
		{"  leak  ", []checker.Verdict{checker.Leak}},
		{"fail rule\n", []checker.Verdict{checker.Fail, checker.Rule}},
		{"fail\nrule\n", []checker.Verdict{checker.Fail, checker.Rule}},
		{"", nil},
		{"pass\n", nil},       // a wrong fix must fail
		{"fail pass\n", nil},  // on every run
		{"fail fail\n", nil},  // named twice: a typo
		{"racy\n", nil},       // not a verdict
		{"fail, rule\n", nil}, // spaces or lines only
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.want, parseWant(tt.text))
		})
	}
}
