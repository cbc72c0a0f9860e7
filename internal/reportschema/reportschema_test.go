package reportschema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/report"
)

// The documents in testdata were printed by the grade command (RACEKIT_CACHE
// set, go1.26). grade.json and grade_tampered.json keep some of their
// results, with the totals counted again; the others are whole.
var examples = []struct {
	file string
	what string
}{
	{"run.json", "grade run 02: a race, with locations and a diagnosis, and hints"},
	{"run_verbose.json", "grade run 02 --verbose on a solved copy: a pass, with the tests' output"},
	{"run_rule.json", "grade run 01 on a copy that sleeps in main: a rule verdict and its findings"},
	{"grade.json", "grade: exit, race, vet findings, deadlock, leak, panic and fail, with goroutines and waits"},
	{"grade_tampered.json", "grade on a tampered copy: warnings, pass, error, build findings, rules beside a fail"},
	{"verify.json", "grade verify --repeat 1 --cpu 1 01 02: expected verdicts, runs and the reliability matrix"},
	{"check.json", "grade check checker/testdata/fixtures/race: a package outside the kit's exercises"},
}

func readExample(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	require.NoError(t, err)
	return b
}

func TestExamplesValidate(t *testing.T) {
	for _, ex := range examples {
		t.Run(ex.file, func(t *testing.T) {
			assert.NoError(t, Validate(readExample(t, ex.file)), ex.what)
		})
	}
}

func TestEveryExampleIsListed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(t, err)
	var listed []string
	for _, ex := range examples {
		listed = append(listed, filepath.Join("testdata", ex.file))
	}
	assert.ElementsMatch(t, listed, files)
}

// TestUnknownFieldsAllowed: later versions only add fields, so a reader of
// version 1 must accept them anywhere.
func TestUnknownFieldsAllowed(t *testing.T) {
	doc := decode(t, readExample(t, "grade.json"))
	var add func(v any)
	add = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, w := range v {
				add(w)
			}
			v["added_in_v1_1"] = []any{"anything", 1.5, nil}
		case []any:
			for _, w := range v {
				add(w)
			}
		}
	}
	add(doc)
	assert.NoError(t, Validate(encode(t, doc)))
}

func TestBrokenDocuments(t *testing.T) {
	tests := []struct {
		name   string
		file   string                   // the example to break
		change func(doc map[string]any) // how
		raw    string                   // or the document itself
		want   []string                 // in the error, in order
	}{
		{
			name:   "no results",
			file:   "run.json",
			change: func(doc map[string]any) { delete(doc, "results") },
			want:   []string{`at ""`, `missing property 'results'`},
		},
		{
			name:   "no warnings",
			file:   "run.json",
			change: func(doc map[string]any) { delete(doc, "warnings") },
			want:   []string{`at ""`, `missing property 'warnings'`},
		},
		{
			name:   "warnings null",
			file:   "run.json",
			change: func(doc map[string]any) { doc["warnings"] = nil },
			want:   []string{`at "/warnings" = null`, "got null, want array"},
		},
		{
			name:   "version 2",
			file:   "run.json",
			change: func(doc map[string]any) { doc["version"] = 2 },
			want:   []string{`at "/version" = 2`, "value must be 1"},
		},
		{
			name:   "version as string",
			file:   "run.json",
			change: func(doc map[string]any) { doc["version"] = "1" },
			want:   []string{`at "/version" = "1"`},
		},
		{
			name:   "verdict maybe",
			file:   "run.json",
			change: func(doc map[string]any) { result(doc, 0)["verdict"] = "maybe" },
			want:   []string{`at "/results/0/verdict" = "maybe"`, "value must be one of", "'error'"},
		},
		{
			name:   "test verdict flaky",
			file:   "grade.json",
			change: func(doc map[string]any) { test(doc, 1, 0)["verdict"] = "flaky" },
			want:   []string{`at "/results/1/tests/0/verdict" = "flaky"`, "value must be one of"},
		},
		{
			name:   "column as string",
			file:   "run.json",
			change: func(doc map[string]any) { item(test(doc, 0, 0), "locations", 0)["column"] = "4" },
			want:   []string{`at "/results/0/tests/0/locations/0/column" = "4"`, "got string, want integer"},
		},
		{
			name:   "line as float",
			file:   "run.json",
			change: func(doc map[string]any) { item(test(doc, 0, 0), "locations", 1)["line"] = 36.5 },
			want:   []string{`at "/results/0/tests/0/locations/1/line" = 36.5`, "got number, want integer"},
		},
		{
			name:   "goroutine below -1",
			file:   "run.json",
			change: func(doc map[string]any) { item(test(doc, 0, 0), "locations", 0)["goroutine"] = -2 },
			want:   []string{`at "/results/0/tests/0/locations/0/goroutine" = -2`, "minimum"},
		},
		{
			name:   "location without file",
			file:   "run.json",
			change: func(doc map[string]any) { delete(item(test(doc, 0, 0), "locations", 0), "file") },
			want:   []string{`at "/results/0/tests/0/locations/0"`, "missing property 'file'"},
		},
		{
			name:   "path as number",
			file:   "check.json",
			change: func(doc map[string]any) { result(doc, 0)["path"] = 7 },
			want:   []string{`at "/results/0/path" = 7`, "got number, want string"},
		},
		{
			name:   "result without tests",
			file:   "check.json",
			change: func(doc map[string]any) { delete(result(doc, 0), "tests") },
			want:   []string{`at "/results/0"`, "missing property 'tests'"},
		},
		{
			name:   "tests null",
			file:   "check.json",
			change: func(doc map[string]any) { result(doc, 0)["tests"] = nil },
			want:   []string{`at "/results/0/tests" = null`, "want array"},
		},
		{
			name:   "passed as string",
			file:   "check.json",
			change: func(doc map[string]any) { result(doc, 0)["passed"] = "no" },
			want:   []string{`at "/results/0/passed" = "no"`, "want boolean"},
		},
		{
			name:   "negative seconds",
			file:   "check.json",
			change: func(doc map[string]any) { doc["seconds"] = -1 },
			want:   []string{`at "/seconds" = -1`, "minimum"},
		},
		{
			name:   "test without message",
			file:   "check.json",
			change: func(doc map[string]any) { delete(test(doc, 0, 0), "message") },
			want:   []string{`at "/results/0/tests/0"`, "missing property 'message'"},
		},
		{
			name:   "diagnosis without kind",
			file:   "check.json",
			change: func(doc map[string]any) { delete(test(doc, 0, 0)["diagnosis"].(map[string]any), "kind") },
			want:   []string{`at "/results/0/tests/0/diagnosis"`, "missing property 'kind'"},
		},
		{
			name: "wait count as string",
			file: "grade.json",
			change: func(doc map[string]any) {
				item(test(doc, 6, 1)["diagnosis"].(map[string]any), "waits", 1)["count"] = "3"
			},
			want: []string{`at "/results/6/tests/1/diagnosis/waits/1/count" = "3"`, "want integer"},
		},
		{
			name:   "frame file as number",
			file:   "grade.json",
			change: func(doc map[string]any) { item(item(test(doc, 0, 0), "goroutines", 0), "frames", 0)["file"] = 1 },
			want:   []string{`at "/results/0/tests/0/goroutines/0/frames/0/file" = 1`, "want string"},
		},
		{
			name: "created_by without line",
			file: "grade.json",
			change: func(doc map[string]any) {
				delete(item(test(doc, 0, 0), "goroutines", 0)["created_by"].(map[string]any), "line")
			},
			want: []string{`at "/results/0/tests/0/goroutines/0/created_by"`, "missing property 'line'"},
		},
		{
			name:   "vet finding without source",
			file:   "grade.json",
			change: func(doc map[string]any) { delete(item(result(doc, 2), "vet", 0), "source") },
			want:   []string{`at "/results/2/vet/0"`, "missing property 'source'"},
		},
		{
			name:   "build finding line as string",
			file:   "grade_tampered.json",
			change: func(doc map[string]any) { item(result(doc, 3), "build", 0)["line"] = "69" },
			want:   []string{`at "/results/3/build/0/line" = "69"`, "want integer"},
		},
		{
			name:   "hint as number",
			file:   "run.json",
			change: func(doc map[string]any) { result(doc, 0)["hints"].([]any)[1] = 2 },
			want:   []string{`at "/results/0/hints/1" = 2`, "want string"},
		},
		{
			name:   "warning without message",
			file:   "grade_tampered.json",
			change: func(doc map[string]any) { delete(doc["warnings"].([]any)[2].(map[string]any), "message") },
			want:   []string{`at "/warnings/2"`, "missing property 'message'"},
		},
		{
			name:   "expected maybe",
			file:   "verify.json",
			change: func(doc map[string]any) { result(doc, 0)["expected"] = "maybe" },
			want:   []string{`at "/results/0/expected" = "maybe"`, "value must be one of"},
		},
		{
			name:   "runs counted under maybe",
			file:   "verify.json",
			change: func(doc map[string]any) { result(doc, 0)["runs"] = map[string]any{"maybe": 1} },
			want:   []string{`at "/results/0/runs"`, "additional properties 'maybe' not allowed"},
		},
		{
			name:   "runs count as string",
			file:   "verify.json",
			change: func(doc map[string]any) { result(doc, 0)["runs"] = map[string]any{"exit": "1"} },
			want:   []string{`at "/results/0/runs/exit" = "1"`, "want integer"},
		},
		{
			name:   "reliability row without detected",
			file:   "verify.json",
			change: func(doc map[string]any) { delete(doc["reliability"].([]any)[1].(map[string]any), "detected") },
			want:   []string{`at "/reliability/1"`, "missing property 'detected'"},
		},
		{
			name:   "reliability as object",
			file:   "verify.json",
			change: func(doc map[string]any) { doc["reliability"] = map[string]any{"cpu": 1} },
			want:   []string{`at "/reliability"`, "got object, want array"},
		},
		{
			name:   "two faults name the first by pointer",
			file:   "grade.json",
			change: func(doc map[string]any) { result(doc, 7)["verdict"] = "maybe"; result(doc, 2)["points"] = "1" },
			want:   []string{`at "/results/2/points" = "1"`, "(and 1 more error)"},
		},
		{
			name: "an array",
			raw:  `[]`,
			want: []string{`at "": got array, want object`},
		},
		{
			name: "a string",
			raw:  `"report"`,
			want: []string{`at "" = "report": got string, want object`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.raw)
			if tt.file != "" {
				doc := decode(t, readExample(t, tt.file))
				tt.change(doc)
				b = encode(t, doc)
			}
			err := Validate(b)
			require.Error(t, err)
			msg := err.Error()
			assert.NotContains(t, msg, "\n", "one line")
			assert.True(t, strings.HasPrefix(msg, "report: at "), msg)
			rest := msg
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if !assert.GreaterOrEqual(t, i, 0, "want %q in %q", w, msg) {
					return
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

func TestNotJSON(t *testing.T) {
	for _, doc := range []string{``, `{`, `{"version": 1,}`, `{} {}`} {
		err := Validate([]byte(doc))
		if assert.Error(t, err, doc) {
			assert.Contains(t, err.Error(), "report: not JSON", doc)
			assert.NotContains(t, err.Error(), "\n", doc)
		}
	}
}

// TestDocumentsBuiltInGo builds a document with every verdict, every
// optional field filled in, and validates json.Marshal's output: what the
// report package writes is what the schema describes.
func TestDocumentsBuiltInGo(t *testing.T) {
	verdicts := append(slices.Clone(checker.Verdicts), report.Error)
	for _, v := range verdicts {
		t.Run(string(v), func(t *testing.T) {
			doc := report.Document{Command: "grade", Grader: "test", Go: "go1.26.0", Seconds: 1.25}
			if v == report.Error {
				doc.Results = []report.Result{report.Failed("03_map_writes", "exercises/03_map_writes", "exercises/03_map_writes is missing")}
			} else {
				doc.Results = []report.Result{fullResult(v)}
			}
			doc.Results = append(doc.Results, report.Result{
				Name: "02_counter", Path: "exercises/02_counter", Verdict: checker.Pass, Passed: true, Points: 2,
				Tests: []report.Test{{Name: "TestEveryViewCounted", Verdict: checker.Pass, Seconds: 0.01}},
			})
			doc.Tally()
			b, err := json.Marshal(&doc)
			require.NoError(t, err)
			assert.NoError(t, Validate(b), "%s", b)
		})
	}
}

// TestBareDocument: Tally alone makes a valid document of a zero one.
func TestBareDocument(t *testing.T) {
	var doc report.Document
	doc.Tally()
	b, err := json.Marshal(&doc)
	require.NoError(t, err)
	assert.NoError(t, Validate(b), "%s", b)
}

// fullResult is a result with verdict v and every optional field set.
func fullResult(v checker.Verdict) report.Result {
	loc := checker.Location{Role: "write", Goroutine: 8, File: "exercises/02_counter/main.go", Line: 36, Column: 4,
		Func: "main.serve.func1", Code: "\t\t\tviews++", Expr: "views"}
	frame := checker.Frame{Func: "main.serve.func1", File: "exercises/02_counter/main.go", Line: 36}
	finding := checker.Finding{Source: "vet:copylocks", File: "exercises/17_copied_mutex/main.go", Line: 41, Column: 9,
		Message: "Add passes lock by value", Code: "func (t Tally) Add(counts []int) {"}
	return report.Result{
		Name: "02_counter", Title: "page views lost by a shared counter", Path: "exercises/02_counter",
		Verdict: v, Passed: v == checker.Pass, Points: 1, Message: "what went wrong", Seconds: 0.5,
		Tests: []report.Test{{
			Name: "TestEveryViewCounted", Verdict: v, Message: "what went wrong", Seconds: 0.25,
			Goroutines: []checker.Goroutine{
				{ID: 8, State: "chan send", Frames: []checker.Frame{frame}, CreatedBy: &frame},
				{ID: 1, State: "running"},
			},
			Locations: []checker.Location{loc, {Role: "started", Goroutine: -1, File: "main.go", Line: 31, Func: "main.serve"}},
			Diagnosis: &checker.Diagnosis{Kind: "increment", Variable: "views", Cause: "a cause", Fix: "a fix",
				Waits: []checker.Wait{
					{State: "chan send", Count: 3, File: "main.go", Line: 49, Column: 4, Func: "main.f", Code: "errc <- ping(s)", Phrase: "wait to send"},
					{State: "sync.WaitGroup.Wait", Count: 1, Main: true, File: "main.go", Line: 60, Func: "main.f", Phrase: "wait in WaitGroup.Wait"},
				}},
			Output: "=== RUN   TestEveryViewCounted\n",
		}},
		Expected: checker.Race,
		Accepted: []checker.Verdict{checker.Race, checker.Rule},
		Runs:     map[checker.Verdict]int{v: 2, checker.Pass: 1},
		Build:    []checker.Finding{{Source: "compiler", File: "main.go", Line: 69, Message: "too many return values"}},
		Vet:      []checker.Finding{finding},
		Rules:    []checker.Finding{{Source: "rule:no-sleep", File: "main.go", Line: 39, Column: 2, Message: "main sleeps to wait"}},
		Hints:    []string{"a hint"},
		Output:   "PASS\n",
	}
}

func TestDocumentWithReliabilityAndWarnings(t *testing.T) {
	var m report.Reliability
	m.Add(1, false, []checker.Verdict{checker.Race}, checker.Race)
	m.Add(1, true, []checker.Verdict{checker.Pass}, checker.Pass)
	m.Add(4, false, []checker.Verdict{checker.Race}, checker.Pass)
	doc := report.Document{Command: "verify", Grader: "test", Go: "go1.26.0", Reliability: m.Rows(),
		Warnings: []kit.Warning{{File: "GOFLAGS", Message: "ignored"}, {File: "exercises/02_counter/main_test.go", Message: "edited"}}}
	doc.Tally()
	b, err := json.Marshal(&doc)
	require.NoError(t, err)
	assert.NoError(t, Validate(b), "%s", b)
}

// schemaDoc is the schema, decoded.
func schemaDoc(t *testing.T) map[string]any {
	t.Helper()
	var s map[string]any
	require.NoError(t, json.Unmarshal(racekit.ReportSchema, &s))
	return s
}

// TestSchemaMatchesGoTypes keeps the schema and the Go types that write the
// document in step: each type's JSON fields are the schema's properties,
// and those written always (no omitempty) are the required ones.
func TestSchemaMatchesGoTypes(t *testing.T) {
	s := schemaDoc(t)
	defs := s["$defs"].(map[string]any)
	types := map[string]reflect.Type{
		"":               reflect.TypeFor[report.Document](),
		"Result":         reflect.TypeFor[report.Result](),
		"Test":           reflect.TypeFor[report.Test](),
		"ReliabilityRow": reflect.TypeFor[report.ReliabilityRow](),
		"Finding":        reflect.TypeFor[checker.Finding](),
		"Location":       reflect.TypeFor[checker.Location](),
		"Goroutine":      reflect.TypeFor[checker.Goroutine](),
		"Frame":          reflect.TypeFor[checker.Frame](),
		"Diagnosis":      reflect.TypeFor[checker.Diagnosis](),
		"Wait":           reflect.TypeFor[checker.Wait](),
		"Warning":        reflect.TypeFor[kit.Warning](),
	}
	for name, typ := range types {
		t.Run(typ.Name(), func(t *testing.T) {
			def := s
			if name != "" {
				require.Contains(t, defs, name)
				def = defs[name].(map[string]any)
			}
			var fields, always []string
			for i := range typ.NumField() {
				f := typ.Field(i)
				tag, ok := f.Tag.Lookup("json")
				if !ok || tag == "-" {
					continue
				}
				field, opts, _ := strings.Cut(tag, ",")
				fields = append(fields, field)
				if !slices.Contains(strings.Split(opts, ","), "omitempty") {
					always = append(always, field)
				}
			}
			var props []string
			for p := range def["properties"].(map[string]any) {
				props = append(props, p)
			}
			var required []string
			for _, r := range def["required"].([]any) {
				required = append(required, r.(string))
			}
			assert.ElementsMatch(t, fields, props, "properties")
			assert.ElementsMatch(t, always, required, "required")
		})
	}
}

// TestSchemaVerdicts: the verdicts are checker.Verdicts and report.Error,
// in the Verdict definition and as the keys of a result's runs. (Runs lists
// its keys as properties rather than with propertyNames: jsonschema v6.0.3
// reports a propertyNames error at a wrong place, santhosh-tekuri/jsonschema
// issue 258 and pull request 269.)
func TestSchemaVerdicts(t *testing.T) {
	defs := schemaDoc(t)["$defs"].(map[string]any)
	var want []string
	for _, v := range checker.Verdicts {
		want = append(want, string(v))
	}
	want = append(want, string(report.Error))
	var enum []string
	for _, v := range defs["Verdict"].(map[string]any)["enum"].([]any) {
		enum = append(enum, v.(string))
	}
	assert.ElementsMatch(t, want, enum, "$defs/Verdict")
	runs := defs["Result"].(map[string]any)["properties"].(map[string]any)["runs"].(map[string]any)
	var keys []string
	for k := range runs["properties"].(map[string]any) {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, want, keys, "runs")
	assert.Equal(t, false, runs["additionalProperties"], "runs")
}

// TestSchemaDescribesEverything: every definition and every property has a
// description, and every property a type (or a reference to one).
func TestSchemaDescribesEverything(t *testing.T) {
	s := schemaDoc(t)
	assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", s["$schema"])
	assert.Equal(t, float64(report.Version), s["properties"].(map[string]any)["version"].(map[string]any)["const"])
	objects := map[string]any{"": s}
	for name, def := range s["$defs"].(map[string]any) {
		objects["$defs/"+name] = def
	}
	for name, o := range objects {
		o := o.(map[string]any)
		assert.NotEmpty(t, o["description"], "%s", name)
		props, _ := o["properties"].(map[string]any)
		for p, schema := range props {
			schema := schema.(map[string]any)
			assert.NotEmpty(t, schema["description"], "%s: %s", name, p)
			if schema["type"] == nil && schema["$ref"] == nil {
				t.Errorf("%s: %s has neither a type nor a $ref", name, p)
			}
		}
	}
}

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	return doc
}

func encode(t *testing.T, doc any) []byte {
	t.Helper()
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return b
}

// item returns o[key][i] as an object.
func item(o map[string]any, key string, i int) map[string]any {
	return o[key].([]any)[i].(map[string]any)
}

// result returns the document's i-th result.
func result(doc map[string]any, i int) map[string]any { return item(doc, "results", i) }

// test returns the j-th test of the document's i-th result.
func test(doc map[string]any, i, j int) map[string]any { return item(result(doc, i), "tests", j) }
