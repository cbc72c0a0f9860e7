package formats

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

// GitHub's limits on what one step shows.
const (
	// MaxAnnotations is how many annotations of one type (error,
	// warning, notice) GitHub shows for one step; 50 per job. github
	// writes at most this many errors and sums up the rest in one notice.
	MaxAnnotations = 10
	// MaxStepSummary is the most a step's summary file may hold: 1 MiB.
	// GitHub shows none of a larger summary.
	MaxStepSummary = 1 << 20
	// maxNoticeNames bounds the failures the notice names one by one.
	maxNoticeNames = 20
	// maxSummaryDiagnosis bounds one result's diagnosis in the step
	// summary.
	maxSummaryDiagnosis = 16 << 10
)

// annotation is one ::error workflow command.
type annotation struct {
	file         string
	line, column int
	title        string
	message      string
}

// GitHub writes the document as GitHub Actions workflow commands: an
// ::error annotation per failing test, at its first place in the
// student's code (paths in the document are relative to the repository's
// root, as GitHub wants them), titled with the result, the test and the
// verdict, with the diagnosis as its message; a result that failed with no
// failing test (build, vet, rule, error) gets one at its first finding.
// After MaxAnnotations errors, one ::notice:: sums up the rest. What the
// tests printed (only in a document made with --verbose) goes into a
// ::group:: each, between ::stop-commands:: and the token, so that it
// cannot issue workflow commands. With opts.StepSummary set, it also
// writes the Markdown step summary (StepSummary).
func GitHub(w io.Writer, doc *report.Document, opts Options) error {
	bw := bufio.NewWriter(w)
	var rest []string
	n := 0
	for _, a := range annotations(doc) {
		if n == MaxAnnotations {
			rest = append(rest, a.title)
			continue
		}
		n++
		fmt.Fprintf(bw, "::error %s::%s\n", annotationProperties(a), EscapeData(printable(a.message)))
	}
	if len(rest) > 0 {
		names := rest
		if len(names) > maxNoticeNames {
			names = append(names[:maxNoticeNames:maxNoticeNames], fmt.Sprintf("and %d more", len(rest)-maxNoticeNames))
		}
		fmt.Fprintf(bw, "::notice title=%s::%s\n", EscapeProperty("racekit"),
			EscapeData(printable(fmt.Sprintf("%d more failures: %s", len(rest), strings.Join(names, "; ")))))
	}
	var outs []output
	for _, r := range doc.Results {
		outs = append(outs, outputs(r)...)
	}
	token := opts.Token
	for _, out := range outs {
		if token == "" || strings.Contains(out.text, token) {
			token = NewToken()
			break
		}
	}
	for _, out := range outs {
		fmt.Fprintf(bw, "::group::%s\n", EscapeData(printable(out.title)))
		if err := writeInert(bw, out.text, token); err != nil {
			return err
		}
		fmt.Fprintln(bw, "::endgroup::")
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if opts.StepSummary != nil {
		return StepSummary(opts.StepSummary, doc, MaxStepSummary-opts.StepSummaryUsed)
	}
	return nil
}

// annotations lists the errors to show, in the document's order.
func annotations(doc *report.Document) []annotation {
	var as []annotation
	for _, r := range doc.Results {
		if r.Passed {
			continue
		}
		for _, t := range failing(r) {
			a := annotation{title: fmt.Sprintf("%s %s: %s", r.Name, t.Name, t.Verdict.Noun()),
				message: strings.TrimRight(t.Message+"\n"+diagnosisText(t), "\n")}
			if l, ok := studentFile(t); ok {
				a.file, a.line, a.column = l.File, l.Line, l.Column
			}
			as = append(as, a)
		}
		if len(failing(r)) == 0 {
			a := annotation{title: fmt.Sprintf("%s: %s", r.Name, r.Verdict.Noun()),
				message: strings.TrimRight(r.Message+"\n"+findingsText(r), "\n")}
			if r.Verdict == report.Error {
				a.title = fmt.Sprintf("%s: could not be graded", r.Name)
			}
			if f, ok := firstFinding(r); ok && !strings.HasPrefix(f.File, "$") {
				a.file, a.line, a.column = f.File, f.Line, f.Column
			}
			as = append(as, a)
		}
	}
	return as
}

// annotationProperties writes file=,line=,col=,title= as far as they are
// known.
func annotationProperties(a annotation) string {
	var ps []string
	if a.file != "" {
		ps = append(ps, "file="+EscapeProperty(a.file))
		if a.line > 0 {
			ps = append(ps, fmt.Sprintf("line=%d", a.line))
			if a.column > 0 {
				ps = append(ps, fmt.Sprintf("col=%d", a.column))
			}
		}
	}
	ps = append(ps, "title="+EscapeProperty(printable(a.title)))
	return strings.Join(ps, ",")
}

// output is something the tests printed, with a title for its group.
type output struct{ title, text string }

// outputs lists what a result's tests printed.
func outputs(r report.Result) []output {
	var outs []output
	for _, t := range r.Tests {
		if t.Output != "" && t.Verdict != checker.Pass {
			outs = append(outs, output{fmt.Sprintf("raw output of %s %s", r.Name, t.Name), t.Output})
		}
	}
	if r.Output != "" {
		outs = append(outs, output{fmt.Sprintf("raw output of %s outside the tests", r.Name), r.Output})
	}
	return outs
}

// EscapeData escapes a workflow command's message as GitHub's runner
// unescapes it: % as %25, CR as %0D, LF as %0A.
func EscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeProperty escapes a workflow command's property value: as
// EscapeData, and also : as %3A and , as %2C.
func EscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// WriteInert writes text to a GitHub Actions log so that the runner finds
// no workflow command in it: between ::stop-commands::token and ::token::.
// The token must not occur in text; an empty token, or one that occurs,
// is replaced by a random one.
func WriteInert(w io.Writer, text, token string) error {
	if token == "" || strings.Contains(text, token) {
		token = NewToken()
	}
	return writeInert(w, text, token)
}

// writeInert is WriteInert with a token known to be safe.
func writeInert(w io.Writer, text, token string) error {
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, err := fmt.Fprintf(w, "::stop-commands::%s\n%s::%s::\n", token, text, token)
	return err
}

// StepSummary writes the Markdown step summary: the count, a table of
// the results with verdict and points, and the diagnosis of each one that
// failed. It writes at most limit bytes: results that do not fit are
// left out and counted in a last line.
func StepSummary(w io.Writer, doc *report.Document, limit int64) error {
	if limit <= 0 {
		return nil
	}
	var head strings.Builder
	fmt.Fprintf(&head, "## racekit: %d of %d pass, %d of %d points\n\n", doc.Passed, doc.Total, doc.Score, doc.MaxScore)
	head.WriteString("| | exercise | verdict | points | message |\n|---|---|---|---|---|\n")
	for _, r := range doc.Results {
		mark, msg := "❌", r.Message
		if r.Passed {
			mark, msg = "✅", ""
		}
		fmt.Fprintf(&head, "| %s | %s | %s | %d / %d | %s |\n", mark, mdCell(r.Name), r.Verdict, r.Score, r.Points, mdCell(msg))
	}
	var sections []string
	for _, r := range doc.Results {
		if !r.Passed {
			sections = append(sections, summarySection(r))
		}
	}
	const reserve = 256 // room for the line that counts what was left out
	out := head.String()
	if int64(len(out)) > limit-reserve {
		out = truncate(out, int(max(limit-reserve, 0)))
	}
	left := 0
	for _, s := range sections {
		if left > 0 || int64(len(out)+len(s)) > limit-reserve {
			left++
			continue
		}
		out += s
	}
	if left > 0 {
		out += fmt.Sprintf("\n_%d more failing results left out: the step summary is capped at 1 MiB._\n", left)
	}
	if int64(len(out)) > limit {
		out = truncate(out, int(limit))
	}
	_, err := io.WriteString(w, out)
	return err
}

// summarySection is the Markdown for one failing result: a heading and
// its explanation in a code block.
func summarySection(r report.Result) string {
	head := r.Name
	if r.Title != "" {
		head += " · " + r.Title
	}
	text := truncate(printable(resultText(r)), maxSummaryDiagnosis)
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	return fmt.Sprintf("\n### %s\n\n%stext\n%s\n%s\n", mdInline(head), fence, strings.TrimRight(text, "\n"), fence)
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// printable makes s valid UTF-8 and drops the control characters other
// than tab and newline, which a log or a Markdown page would show as
// garbage or act on.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || (r >= 0x20 && r != 0x7f && !(r >= 0x80 && r < 0xa0)) {
			return r
		}
		return -1
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// mdInline escapes the characters that Markdown (and the HTML it allows)
// gives a meaning, and puts a line's breaks into spaces.
func mdInline(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
			// control characters show as nothing
		case r < utf8.RuneSelf && strings.ContainsRune("\\`*_{}[]<>()#+-.!|~&", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCell is mdInline for a table cell, cut to one short line.
func mdCell(s string) string {
	const maxCell = 300
	if len(s) > maxCell {
		s = truncate(s, maxCell)
		s = strings.Replace(s, "\n... (cut)", "…", 1)
	}
	return mdInline(s)
}
