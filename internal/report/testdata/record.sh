#!/usr/bin/env bash
# Records the go test -json events of every shipped exercise into
# testdata/runs/NAME.jsonl, as the grader sees them: the race test binary
# run under test2json with the grader's GORACE and GOTRACEBACK (a panic
# off the test's goroutine, such as a synctest bubble's inside
# racetest.Within, shows every goroutine). Paths under the module root
# are recorded as /racekit. Run from anywhere:
#
#   bash internal/report/testdata/record.sh [NAME...]
#
# then refresh the renderings with
#
#   go test ./internal/report -run TestRendering -update
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$(pwd)
t2j=$(go tool -n test2json)
out=internal/report/testdata/runs
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for dir in exercises/[0-9]*/; do names+=("$(basename "$dir")"); done
fi
for name in "${names[@]}"; do
	bin=$(mktemp -d)/exercise.test
	(cd "exercises/$name" && go test -c -race -o "$bin" .)
	(cd "exercises/$name" && GORACE='atexit_sleep_ms=0 suppress_equal_stacks=0' GOTRACEBACK=all \
		"$t2j" -p "$name" "$bin" -test.v=test2json -test.paniconexit0 -test.count=1 -test.timeout=20s || true) |
		sed "s#$root#/racekit#g" >"$out/$name.jsonl"
	rm -rf "$(dirname "$bin")"
done
