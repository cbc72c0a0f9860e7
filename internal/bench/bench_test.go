package bench

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMedian(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{3 * ms}, 3 * ms},
		{[]time.Duration{5 * ms, 1 * ms, 3 * ms}, 3 * ms},
		{[]time.Duration{4 * ms, 1 * ms, 2 * ms, 3 * ms}, 2500 * time.Microsecond},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, median(tt.in))
	}
}

func TestTable(t *testing.T) {
	base := Timing{Name: "go test -race", Samples: []Sample{{Wall: 2 * time.Second}}}
	fast := Timing{Name: "grade", Samples: []Sample{{Wall: time.Second, MaxRSS: 20480}}}
	var buf bytes.Buffer
	require.NoError(t, Table(&buf, base, []Timing{base, fast}))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 3)
	assert.Regexp(t, `go test -race\s+1\s+2s\s+1\.00×\s+-`, lines[1])
	assert.Regexp(t, `grade\s+1\s+1s\s+0\.50×\s+20 MiB`, lines[2])
}

func TestTimeRunsAndChecksStatus(t *testing.T) {
	calls := 0
	tm, err := Time(Command{Name: "true", Args: []string{"true"}, Before: func() error { calls++; return nil }}, 3)
	require.NoError(t, err)
	assert.Len(t, tm.Samples, 3)
	assert.Equal(t, 3, calls)
	_, err = Time(Command{Name: "false", Args: []string{"false"}}, 1)
	assert.ErrorContains(t, err, "false")
	_, err = Time(Command{Name: "false", Args: []string{"false"}, OK: []int{1}}, 1)
	assert.NoError(t, err)
}
