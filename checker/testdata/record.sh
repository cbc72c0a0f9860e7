#!/usr/bin/env bash
# Records the go test -json events of every fixture package into
# testdata/events/NAME.jsonl, as the checker sees them: the race test binary
# run under test2json with the checker's GORACE. Run from the module root:
#
#   bash checker/testdata/record.sh
#
# then refresh the expected classifications with
#
#   go test ./checker -run TestRecorded -update
set -euo pipefail
cd "$(dirname "$0")/fixtures"
t2j=$(go tool -n test2json)
root=$(cd ../../.. && pwd) # paths under the module root are recorded as /racekit
out=../events
for dir in */; do
	name=${dir%/}
	[ -f "$name/go.mod" ] && continue # another module: graded live only
	[ "$name" = noisy ] || [ "$name" = spininit ] && continue   # megabytes of output: graded live only
	bin=$(mktemp -d)/fix.test
	if ! go test -c -race -o "$bin" "./$name" >/dev/null 2>&1; then
		continue # does not build: nothing to record
	fi
	(cd "$name" && GORACE='atexit_sleep_ms=0 suppress_equal_stacks=0' \
		"$t2j" -p "$name" "$bin" -test.v=test2json -test.paniconexit0 -test.timeout=10s || true) |
		sed "s#$root#/racekit#g" >"$out/$name.jsonl"
	rm -rf "$(dirname "$bin")"
done
