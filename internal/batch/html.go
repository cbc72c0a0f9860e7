package batch

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

//go:embed report.html.tmpl
var reportTemplate string

// page is the template of report.html.
var page = template.Must(template.New("report.html").Parse(reportTemplate))

// classData is what report.html shows, embedded in it as JSON: the
// exercises in order, the verdicts, and per student one cell per exercise.
// It keeps of each document what the page shows (no goroutine dumps, no
// raw output), so that a class of hundreds stays a page a browser opens.
type classData struct {
	Exercises []string            `json:"exercises"`
	Verdicts  []string            `json:"verdicts"`
	Students  []classRow          `json:"students"`
	Warnings  map[string][]string `json:"warnings"`
}

// classRow is one student's row.
type classRow struct {
	Name  string      `json:"name"`
	Score int         `json:"score"`
	Max   int         `json:"max"`
	Cells []classCell `json:"cells"`
}

// classCell is one student's result on one exercise; Verdict "" when the
// document has none.
type classCell struct {
	Verdict string      `json:"verdict"`
	Score   int         `json:"score"`
	Points  int         `json:"points"`
	Message string      `json:"message"`
	Path    string      `json:"path,omitempty"`
	Tests   []classTest `json:"tests,omitempty"`
	// Findings are the compiler's, vet's and the rules' findings.
	Findings []checker.Finding `json:"findings,omitempty"`
	Hints    []string          `json:"hints,omitempty"`
}

// classTest is one test of a cell, with its diagnosis.
type classTest struct {
	Name      string             `json:"name"`
	Verdict   string             `json:"verdict"`
	Message   string             `json:"message"`
	Diagnosis *checker.Diagnosis `json:"diagnosis,omitempty"`
	Locations []checker.Location `json:"locations,omitempty"`
}

// verdictOrder lists the verdicts in the order the page shows them.
func verdictOrder() []string {
	vs := []string{string(checker.Pass)}
	for _, v := range checker.Verdicts {
		if v != checker.Pass {
			vs = append(vs, string(v))
		}
	}
	return append(vs, string(report.Error))
}

// newClassData builds the page's data from the students' documents.
func newClassData(students []Student) classData {
	exercises := exerciseNames(students)
	data := classData{Exercises: exercises, Verdicts: verdictOrder(), Students: []classRow{}, Warnings: map[string][]string{}}
	for _, st := range students {
		row := classRow{Name: st.Name, Cells: make([]classCell, len(exercises))}
		if st.Doc != nil {
			row.Score, row.Max = st.Doc.Score, st.Doc.MaxScore
			byName := map[string]report.Result{}
			for _, r := range st.Doc.Results {
				byName[r.Name] = r
			}
			for i, ex := range exercises {
				if r, ok := byName[ex]; ok {
					row.Cells[i] = newCell(r)
				}
			}
			for _, w := range st.Doc.Warnings {
				data.Warnings[st.Name] = append(data.Warnings[st.Name], w.String())
			}
		}
		data.Students = append(data.Students, row)
	}
	return data
}

// newCell keeps of a result what the page shows.
func newCell(r report.Result) classCell {
	c := classCell{Verdict: string(r.Verdict), Score: r.Score, Points: r.Points, Message: r.Message, Path: r.Path, Hints: r.Hints}
	c.Findings = append(append(append(c.Findings, r.Build...), r.Vet...), r.Rules...)
	for _, t := range r.Tests {
		c.Tests = append(c.Tests, classTest{Name: t.Name, Verdict: string(t.Verdict), Message: t.Message, Diagnosis: t.Diagnosis, Locations: t.Locations})
	}
	return c
}

// WriteHTML writes report.html: one page, with its styles, script and
// data inline, that opens offline. It shows a table of students by
// exercises coloured by verdict; a click on a cell shows that result's
// tests with their diagnosis and code lines; the table sorts by student or
// total and filters by verdict; a class view counts, per exercise, the
// students each verdict hit.
func WriteHTML(w io.Writer, students []Student) error {
	return page.Execute(w, newClassData(students))
}
