#!/usr/bin/env bash
# Records the go test -json events of every fixture package under
# fixtures/ into NAME.jsonl, as the checker sees them (see
# ../record.sh). Run from the module root:
#
#   bash checker/testdata/diagnoses/record.sh
#
# then refresh the expected diagnoses with
#
#   go test ./checker -run TestDiagnoses -update
set -euo pipefail
cd "$(dirname "$0")/fixtures"
t2j=$(go tool -n test2json)
root=$(cd ../../../.. && pwd) # paths under the module root are recorded as /racekit
for dir in */; do
	name=${dir%/}
	if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
		continue # record only the fixtures named
	fi
	bin=$(mktemp -d)/fix.test
	go test -c -race -o "$bin" "./$name" >/dev/null
	(cd "$name" && GORACE='atexit_sleep_ms=0 suppress_equal_stacks=0' \
		"$t2j" -p "$name" "$bin" -test.v=test2json -test.paniconexit0 -test.timeout=10s || true) |
		sed "s#$root#/racekit#g" >"../$name.jsonl"
	rm -rf "$(dirname "$bin")"
done
