package batch

import (
	"bytes"
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
)

// Gradebook column names: the first, the last two. Between them comes one
// column per exercise, named after the exercise's folder
// ("01_wait_for_workers").
const (
	ColumnStudent = "Student"
	ColumnTotal   = "Total"
	ColumnMax     = "Max"
)

// exerciseNames lists the exercises of the students' documents: those of
// the first document in order, then any other a later one has.
func exerciseNames(students []Student) []string {
	var names []string
	seen := map[string]bool{}
	for _, st := range students {
		if st.Doc == nil {
			continue
		}
		for _, r := range st.Doc.Results {
			if !seen[r.Name] {
				seen[r.Name] = true
				names = append(names, r.Name)
			}
		}
	}
	return names
}

// WriteGradebook writes the gradebook as CSV: a header row, then one row
// per student with the points scored in each exercise, the total and the
// most points there were. An exercise a document lacks is left empty.
func WriteGradebook(w io.Writer, students []Student) error {
	exercises := exerciseNames(students)
	cw := csv.NewWriter(w)
	header := append(append([]string{ColumnStudent}, exercises...), ColumnTotal, ColumnMax)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, st := range students {
		row := make([]string, 0, len(header))
		row = append(row, st.Name)
		scores := map[string]int{}
		total, max := 0, 0
		if st.Doc != nil {
			for _, r := range st.Doc.Results {
				scores[r.Name] = r.Score
			}
			total, max = st.Doc.Score, st.Doc.MaxScore
		}
		for _, ex := range exercises {
			if s, ok := scores[ex]; ok {
				row = append(row, strconv.Itoa(s))
			} else {
				row = append(row, "")
			}
		}
		row = append(row, strconv.Itoa(total), strconv.Itoa(max))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteOutputs writes gradebook.csv and report.html into the output
// folder out for the given students.
func WriteOutputs(out string, students []Student) error {
	var csvBuf, htmlBuf bytes.Buffer
	if err := WriteGradebook(&csvBuf, students); err != nil {
		return err
	}
	if err := WriteHTML(&htmlBuf, students); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(out, "gradebook.csv"), csvBuf.Bytes()); err != nil {
		return err
	}
	return writeFile(filepath.Join(out, "report.html"), htmlBuf.Bytes())
}
