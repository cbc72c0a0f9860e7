// Package reportschema checks report documents (what grade --format json
// prints) against the JSON Schema of version 1, schema/report.schema.json,
// which the racekit package embeds.
package reportschema

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/racekit/racekit"
)

// schemaURL is the name the schema is compiled under. It is a file URL
// that nothing reads: the schema is added to the compiler from memory, and
// the compiler's loader refuses every URL, so that compiling never touches
// the disk or the network. (The draft's meta-schema is built into the
// library.)
const schemaURL = "file:///racekit/schema/report.schema.json"

// compiled is the schema, compiled on first use.
var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(racekit.ReportSchema))
	if err != nil {
		return nil, fmt.Errorf("reading schema/report.schema.json: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(noLoader{})
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("schema/report.schema.json: %w", err)
	}
	s, err := c.Compile(schemaURL)
	if err != nil {
		return nil, fmt.Errorf("schema/report.schema.json: %w", err)
	}
	return s, nil
})

// noLoader refuses every URL: the schema refers only to itself.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("%s: the report schema loads nothing", url)
}

// Validate checks that doc is a report document, version 1, as the schema
// describes it. Its error is one line: the JSON pointer of the value that
// does not fit ("" is the whole document) and why, then how many other
// places do not fit, such as
//
//	report: at "/results/0/verdict" = "maybe": value must be one of 'build', ... (and 1 more error)
//	report: at "/results/0": missing property 'tests'
//
// The value itself follows the pointer when it is a string, number,
// boolean or null. A doc that is not JSON gets "report: not JSON: ...".
// When several values do not fit, the one named is the first by JSON
// pointer, array indexes compared as numbers.
func Validate(doc []byte) error {
	s, err := compiled()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("report: not JSON: %v", err)
	}
	err = s.Validate(v)
	if err == nil {
		return nil
	}
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return fmt.Errorf("report: %s", oneLine(err.Error()))
	}
	return describe(verr, v)
}

// failure is one value that does not fit the schema.
type failure struct {
	at     []string // the value's place, as JSON pointer tokens
	reason string
}

// describe sums up a validation error on doc in one line: its first
// failure, the value there when it is a string, number, boolean or null,
// and how many other failures there are.
func describe(verr *jsonschema.ValidationError, doc any) error {
	var fs []failure
	var leaves func(e *jsonschema.ValidationError)
	leaves = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			fs = append(fs, failure{at: e.InstanceLocation, reason: reasonOf(e)})
		}
		for _, c := range e.Causes {
			leaves(c)
		}
	}
	leaves(verr)
	slices.SortStableFunc(fs, func(a, b failure) int { return comparePlaces(a.at, b.at) })
	first := fs[0]
	msg := fmt.Sprintf("report: at %q", pointer(first.at))
	if v, ok := scalarAt(doc, first.at); ok {
		msg += " = " + v
	}
	msg += ": " + oneLine(first.reason)
	switch n := len(fs) - 1; n {
	case 0:
	case 1:
		msg += " (and 1 more error)"
	default:
		msg += fmt.Sprintf(" (and %d more errors)", n)
	}
	return errors.New(msg)
}

// reasonOf says what e's own keyword found, without its causes.
func reasonOf(e *jsonschema.ValidationError) string {
	own := *e
	own.Causes = nil
	if u := own.BasicOutput(); u.Error != nil {
		return u.Error.String()
	}
	return own.Error()
}

// comparePlaces orders two places token by token, numbers (array indexes)
// as numbers and before names, an enclosing value before what it holds.
func comparePlaces(a, b []string) int {
	for i := range min(len(a), len(b)) {
		na, errA := strconv.Atoi(a[i])
		nb, errB := strconv.Atoi(b[i])
		var c int
		switch {
		case errA == nil && errB == nil:
			c = cmp.Compare(na, nb)
		case errA == nil:
			c = -1
		case errB == nil:
			c = 1
		default:
			c = strings.Compare(a[i], b[i])
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// scalarAt returns the value at tokens in doc, as JSON, when it is a
// string (cut at 40 characters), number, boolean or null.
func scalarAt(doc any, tokens []string) (string, bool) {
	v := doc
	for _, t := range tokens {
		switch c := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = c[t]; !ok {
				return "", false
			}
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) {
				return "", false
			}
			v = c[i]
		default:
			return "", false
		}
	}
	switch v := v.(type) {
	case string:
		if r := []rune(v); len(r) > 40 {
			v = string(r[:40]) + "..."
		}
		return strconv.Quote(v), true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	case nil:
		return "null", true
	}
	return "", false
}

// pointer writes tokens as a JSON pointer (RFC 6901).
func pointer(tokens []string) string {
	var sb strings.Builder
	for _, t := range tokens {
		sb.WriteByte('/')
		sb.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return sb.String()
}

// oneLine puts s on one line, its lines joined with "; ".
func oneLine(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, "; ")
}
