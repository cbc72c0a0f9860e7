package batch

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of N slices of a class: the K-th, 1-based. A student is in
// shard K when its index in the sorted list of student folders, counted
// from 0, is K-1 modulo N: with 5 students and 2 shards, shard 1/2 grades
// the 1st, 3rd and 5th, shard 2/2 the 2nd and 4th. The zero value is the
// whole class.
type Shard struct {
	K, N int
}

// ParseShard reads "K/N", with 1 <= K <= N.
func ParseShard(s string) (Shard, error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, errK := strconv.Atoi(strings.TrimSpace(ks))
	n, errN := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || errK != nil || errN != nil {
		return Shard{}, fmt.Errorf("shard %q is not K/N, such as 1/4", s)
	}
	sh := Shard{K: k, N: n}
	if err := sh.check(); err != nil {
		return Shard{}, err
	}
	return sh, nil
}

// check reports a shard whose numbers do not fit.
func (s Shard) check() error {
	if s.N < 1 || s.K < 1 || s.K > s.N {
		return fmt.Errorf("shard %d/%d: K must be between 1 and N", s.K, s.N)
	}
	return nil
}

// String writes the shard as "K/N"; the whole class is "1/1".
func (s Shard) String() string {
	if s.N == 0 {
		return "1/1"
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Select returns the names of the sorted list that belong to the shard.
func (s Shard) Select(sorted []string) []string {
	if s.N <= 1 {
		return sorted
	}
	var out []string
	for i, name := range sorted {
		if i%s.N == s.K-1 {
			out = append(out, name)
		}
	}
	return out
}
