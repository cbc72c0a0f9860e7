package checker

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWorst(t *testing.T) {
	tests := []struct {
		in   []Verdict
		want Verdict
	}{
		{nil, Pass},
		{[]Verdict{Pass, Fail}, Fail},
		{[]Verdict{Leak, Fail, Exit}, Exit},
		{[]Verdict{Vet, Race, Build}, Build},
		{[]Verdict{Deadlock, Panic, Timeout}, Panic},
		{[]Verdict{Rule, Vet}, Vet},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Worst(tt.in...), "%v", tt.in)
	}
}

func TestParseVerdict(t *testing.T) {
	for _, v := range Verdicts {
		got, err := ParseVerdict(string(v))
		require.NoError(t, err)
		assert.Equal(t, v, got)
	}
	_, err := ParseVerdict("racy")
	assert.ErrorContains(t, err, `unknown verdict "racy"`)
}

func TestCappedText(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		limit  int
		want   string
	}{
		{"fits", []string{"abc", "def"}, 10, "abcdef"},
		{"head and tail", []string{"0123456789", "abcdefghij"}, 8, "0123\n... 12 bytes of output cut ...\nghij"},
		{"many small", strings.Split("abcdefghijkl", ""), 4, "ab\n... 8 bytes of output cut ...\nkl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCappedText(tt.limit)
			for _, w := range tt.writes {
				c.WriteString(w)
			}
			assert.Equal(t, tt.want, c.String())
		})
	}
}

func TestReadEventsSkipsHugeAndForeignLines(t *testing.T) {
	in := strings.Join([]string{
		`not json`,
		`{"Action":"run","Test":"TestA"}`,
		`{"Action":"output","Test":"TestA","Output":"` + strings.Repeat("x", maxEventLine+10) + `"}`,
		`{"Action":"output","Test":"TestA/sub","Output":"from the subtest\n"}`,
		`{"Action":"fail","Test":"TestA/sub"}`,
		`{"Action":"fail","Test":"TestA","Elapsed":0.5}`,
		`{"Action":"output","Output":"FAIL\n"}`,
		`{"Action":"fail"}`,
	}, "\n")
	log, err := ReadEvents(strings.NewReader(in), 1024)
	require.NoError(t, err)
	require.Len(t, log.Tests, 1)
	assert.Equal(t, "fail", log.Tests[0].Action)
	assert.Equal(t, "from the subtest\n", log.Tests[0].Output)
	assert.Equal(t, "fail", log.Action)
	assert.Equal(t, "FAIL\n", log.Output)
}

const sampleDump = `panic: test timed out after 2s
	running tests:
		TestX (2s)

goroutine 7 [chan send, 2 minutes]:
example.com/m.worker(0xc000012345)
	/src/m/main.go:14 +0x3a
created by example.com/m.run in goroutine 6
	/src/m/main.go:20 +0x9c

goroutine 8 [sync.WaitGroup.Wait]:
sync.(*WaitGroup).Wait(0xc000010000)
	/usr/local/go/src/sync/waitgroup.go:118 +0x60
example.com/m.run(...)
	/src/m/main.go:30
...additional frames elided...

goroutine 9 [runnable]:
example.com/m.spin()
	/src/m/main.go:40 +0x1
`

func TestParseGoroutines(t *testing.T) {
	gs := ParseGoroutines(sampleDump)
	require.Len(t, gs, 3)
	assert.Equal(t, Goroutine{ID: 7, State: "chan send",
		Frames:    []Frame{{Func: "example.com/m.worker", File: "/src/m/main.go", Line: 14}},
		CreatedBy: &Frame{Func: "example.com/m.run", File: "/src/m/main.go", Line: 20}}, gs[0])
	assert.Equal(t, "sync.WaitGroup.Wait", gs[1].State)
	assert.Equal(t, []Frame{
		{Func: "sync.(*WaitGroup).Wait", File: "/usr/local/go/src/sync/waitgroup.go", Line: 118},
		{Func: "example.com/m.run", File: "/src/m/main.go", Line: 30},
	}, gs[1].Frames)
	assert.True(t, gs[2].Running())
	assert.False(t, gs[0].Running())
}

func TestStuckTellsDeadlockFromSpin(t *testing.T) {
	s := classifier{root: "/src/m"}
	c := s.classifyOutput(sampleDump, Fail)
	assert.Equal(t, Timeout, c.verdict)
	assert.Equal(t, "the test timed out: a goroutine is still running at main.go:40", c.message)

	blocked := strings.Split(sampleDump, "goroutine 9")[0]
	c = s.classifyOutput(blocked, Fail)
	assert.Equal(t, Deadlock, c.verdict)
	assert.Equal(t, "the test timed out: run, called by the test, waits in WaitGroup.Wait (main.go:30), but the goroutine that should call Done is stuck: 1 goroutine waits to send on a channel that no goroutine receives from (main.go:14)", c.message)
	assert.Equal(t, "channel-send", c.diagnosis.Kind, "the goroutines main waits for decide the kind")
}

const sampleRace = `==================
WARNING: DATA RACE
Write at 0x00c000014118 by goroutine 8:
  example.com/m.run.func1()
      /src/m/main.go:10 +0x3a

Previous read at 0x00c000014118 by main goroutine:
  example.com/m.run()
      /src/m/main.go:13 +0x9c

Goroutine 8 (running) created at:
  example.com/m.run()
      /src/m/main.go:9 +0x84
==================
==================
WARNING: DATA RACE
Read at 0x000000a1b2c3 by goroutine 9:
  runtime.mapaccess1_faststr()
      /usr/local/go/src/internal/runtime/maps/runtime_swiss.go:200 +0x0
  example.com/m.count()
      /src/m/main.go:22 +0x44

Previous write at 0x000000a1b2c3 by goroutine 10:
  runtime.mapassign_faststr()
      /usr/local/go/src/internal/runtime/maps/runtime_swiss.go:250 +0x0
  example.com/m.count()
      /src/m/main.go:23 +0x55

Location is global 'example.com/m.hits' of size 8 at 0x000000a1b2c3 (m+0x1)

Goroutine 9 (running) created at:
  example.com/m.run()
      /src/m/main.go:19 +0x84
Goroutine 10 (finished) created at:
  example.com/m.run()
      /src/m/main.go:19 +0x84
==================
==================
WARNING: DATA RACE
Write at 0x00c0000b0000 by goroutine 11:
  example.com/m.cut()
`

func TestParseRaces(t *testing.T) {
	rs := ParseRaces(sampleRace)
	require.Len(t, rs, 3)
	assert.Equal(t, []Access{
		{Kind: "write", Goroutine: 8, Frames: []Frame{{Func: "example.com/m.run.func1", File: "/src/m/main.go", Line: 10}}},
		{Kind: "read", Previous: true, Goroutine: 0, Frames: []Frame{{Func: "example.com/m.run", File: "/src/m/main.go", Line: 13}}},
	}, rs[0].Accesses)
	assert.Equal(t, []GoroutineStart{{Goroutine: 8, State: "running", Frames: []Frame{{Func: "example.com/m.run", File: "/src/m/main.go", Line: 9}}}}, rs[0].Starts)
	assert.False(t, rs[0].Truncated)

	assert.Equal(t, "example.com/m.hits", rs[1].Variable)
	assert.Len(t, rs[1].Starts, 2)
	assert.Equal(t, "runtime.mapaccess1_faststr", rs[1].Accesses[0].Frames[0].Func)

	assert.True(t, rs[2].Truncated, "a report cut off by the cap")
	locs, d := classifier{root: "/src/m"}.diagnoseRace(strings.Join(strings.Split(sampleRace, "==================\n")[3:5], "==================\n"))
	assert.Equal(t, "data race on hits: read at main.go:22 conflicts with write at main.go:23", raceMessage(locs, d))
	assert.Equal(t, "map", d.Kind, "runtime map frames make a map race")
}

func TestParseVetJSON(t *testing.T) {
	out := "# example.com/m\n" + `{
	"example.com/m": {
		"copylocks": [{"posn": "/src/m/main.go:9:10", "end": "/src/m/main.go:9:11", "message": "F passes lock by value"}],
		"loopclosure": [{"posn": "/src/m/main.go:4:51", "message": "loop variable i captured by func literal"}]
	}
}`
	fs, err := parseVetJSON(out)
	require.NoError(t, err)
	assert.Equal(t, []Finding{
		{Source: "vet:loopclosure", File: "/src/m/main.go", Line: 4, Column: 51, Message: "loop variable i captured by func literal"},
		{Source: "vet:copylocks", File: "/src/m/main.go", Line: 9, Column: 10, Message: "F passes lock by value"},
	}, fs)
	assert.Equal(t, "main.go:9:10: F passes lock by value", fs[1].String())
}

func TestParseCompilerErrors(t *testing.T) {
	out := "# example.com/m [example.com/m.test]\n./main.go:5:28: undefined: missing\n./main.go:7:2: declared and not used: x\n"
	fs := parseCompilerErrors(out, "/src/m")
	assert.Equal(t, []Finding{
		{Source: "compiler", File: "/src/m/main.go", Line: 5, Column: 28, Message: "undefined: missing"},
		{Source: "compiler", File: "/src/m/main.go", Line: 7, Column: 2, Message: "declared and not used: x"},
	}, fs)
}

// TestParseGoroutinesSystemTraceback reads a dump printed with
// GOTRACEBACK=system, whose frames carry fp, sp and pc.
func TestParseGoroutinesSystemTraceback(t *testing.T) {
	dump := "goroutine 21 gp=0xc000003dc0 m=nil [chan send]:\n" +
		"runtime.chansend1(0x0?, 0x0?)\n" +
		"\t/usr/local/go/src/runtime/chan.go:161 +0x17 fp=0xc00004df60 sp=0xc00004df30 pc=0x44dcd7\n" +
		"example.com/m.Ping.func1()\n" +
		"\t/src/m/ping.go:13 +0x96 fp=0xc00004dfe0 sp=0xc00004df60 pc=0x5e3ef6\n" +
		"created by example.com/m.Ping in goroutine 20\n" +
		"\t/src/m/ping.go:11 +0x109\n"
	gs := ParseGoroutines(dump)
	require.Len(t, gs, 1)
	assert.Equal(t, Goroutine{ID: 21, State: "chan send",
		Frames: []Frame{
			{Func: "runtime.chansend1", File: "/usr/local/go/src/runtime/chan.go", Line: 161},
			{Func: "example.com/m.Ping.func1", File: "/src/m/ping.go", Line: 13},
		},
		CreatedBy: &Frame{Func: "example.com/m.Ping", File: "/src/m/ping.go", Line: 11}}, gs[0])
}

// TestOutputEventFastPath checks that the quick decoder of output events
// agrees with encoding/json, and leaves every other line to it.
func TestOutputEventFastPath(t *testing.T) {
	tests := []struct {
		line string
		fast bool
	}{
		{line: `{"Action":"output","Package":"p","Test":"TestA","Output":"hello\n"}`},
		{line: `{"Action":"output","Package":"p","Test":"TestA","Output":"hello"}`, fast: true},
		{line: `{"Action":"output","Package":"p","Output":"PASS"}`, fast: true},
		{line: `{"Action":"output","Package":"p","Test":"TestA/sub","Output":"héllo ✓"}`, fast: true},
		{line: `{"Action":"output","Package":"p","Test":"TestA","Output":"say \"hi\""}`},
		{line: `{"Action":"output","Package":"p","Test":"TestA","Output":"x","OutputType":"frame"}`},
		{line: `{"Time":"2026-01-01T00:00:00Z","Action":"output","Package":"p","Output":"x"}`},
		{line: `{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0.1}`},
		{line: `{"Action":"output","Package":"p","Test":"TestA","Output":"cut`},
		{line: "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"bad \xff\"}"},
	}
	for _, tt := range tests {
		got, ok := outputEvent([]byte(tt.line))
		assert.Equal(t, tt.fast, ok, tt.line)
		if !ok {
			continue
		}
		var want Event
		require.NoError(t, json.Unmarshal([]byte(tt.line), &want))
		assert.Equal(t, want, got, tt.line)
	}
}
