package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Load reads the students of an output folder: every students/NAME.json,
// with its hash from the index when the index has it, sorted by name.
func Load(out string) ([]Student, error) {
	idx, err := ReadIndex(out)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(out, studentsDir, "*.json"))
	if err != nil {
		return nil, err
	}
	if files == nil {
		if _, err := os.Stat(filepath.Join(out, studentsDir)); err != nil {
			return nil, fmt.Errorf("%s is not an output folder of grade batch: %v", out, err)
		}
	}
	var students []Student
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if strings.HasPrefix(name, ".") {
			continue
		}
		doc, err := ReadDocument(f)
		if err != nil {
			return nil, err
		}
		students = append(students, Student{Name: name, Doc: doc, Hash: idx.Students[name].Hash, Reused: true})
	}
	sort.Slice(students, func(i, j int) bool { return students[i].Name < students[j].Name })
	return students, nil
}

// Merge joins the students of several output folders (the shards of one
// class) into the output folder out: their documents, an index, the
// gradebook and the report. A student found in two folders is an error.
func Merge(out string, dirs []string) ([]Student, error) {
	var all []Student
	from := map[string]string{}
	idx := &Index{Students: map[string]Entry{}}
	for _, dir := range dirs {
		students, err := Load(dir)
		if err != nil {
			return nil, err
		}
		shardIdx, err := ReadIndex(dir)
		if err != nil {
			return nil, err
		}
		if idx.Grader == "" {
			idx.Grader, idx.Go = shardIdx.Grader, shardIdx.Go
		}
		for _, st := range students {
			if prev, ok := from[st.Name]; ok {
				return nil, fmt.Errorf("student %s is in both %s and %s", st.Name, prev, dir)
			}
			from[st.Name] = dir
			all = append(all, st)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	if err := os.MkdirAll(filepath.Join(out, studentsDir), 0o777); err != nil {
		return nil, err
	}
	for _, st := range all {
		if err := writeStudent(out, st); err != nil {
			return nil, err
		}
		if st.Hash != "" {
			idx.Students[st.Name] = Entry{Hash: st.Hash, File: studentsDir + "/" + st.Name + ".json"}
		}
	}
	if err := idx.Write(out); err != nil {
		return nil, err
	}
	if err := WriteOutputs(out, all); err != nil {
		return nil, err
	}
	return all, nil
}
