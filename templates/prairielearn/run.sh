#!/usr/bin/env bash
# PrairieLearn external-grader entry script. Put it, and a grade binary
# built for the grading image (GOOS=linux), in serverFilesCourse/racekit/,
# and in the question's info.json:
#
#   "externalGradingOptions": {
#     "enabled": true,
#     "image": "golang:1.26",
#     "serverFilesCourse": ["racekit/"],
#     "entrypoint": "/grade/serverFilesCourse/racekit/run.sh 01",
#     "timeout": 300
#   }
#
# The argument is the exercise the question grades (its number or name);
# the student's main.go (or any *.go but tests) lies in /grade/student,
# or, without an argument, the student's exercises/NN_slug/ folders do and
# every exercise is graded. Results go to /grade/results/results.json.
#
# PL_ROOT stands for /grade, so that the script can be tried in any folder.
set -uo pipefail

root="${PL_ROOT:-/grade}"
here="$(cd "$(dirname "$0")" && pwd)"
grade="$here/grade"
results="$root/results/results.json"
exercise="${1:-}"

# Everything Go needs is set here: the grading container passes little.
export CGO_ENABLED=1 GOFLAGS='' GOPATH="$HOME/go" GOCACHE="$HOME/.cache/go-build"
export PATH="/usr/local/go/bin:$GOPATH/bin:$PATH"

fail() {
	printf '{"gradable": false, "score": 0, "message": "%s"}\n' "$1" >"$results"
	exit 0
}

mkdir -p "$(dirname "$results")"
work="$(mktemp -d)"
kit="$work/kit"
# grade release writes the kit as this grader ships it; its note about the
# version it would pin does not matter here.
out="$("$grade" release "$kit" 2>&1)" || { echo "$out" >&2; fail "the grader could not write its kit"; }

# copy_code SRC DIR copies SRC's Go files, tests left out, into DIR.
copy_code() {
	for f in "$1"/*.go; do
		[ -f "$f" ] || continue
		case "$f" in *_test.go) continue ;; esac
		cp "$f" "$2"
	done
}

if [ -n "$exercise" ]; then
	case "$exercise" in *[!0-9]* | "") want="$exercise" ;; *) want="$(printf '%02d' "$((10#$exercise))")" ;; esac
	dir=""
	for d in "$kit"/exercises/*/; do
		n="$(basename "$d")"
		case "$want" in "$n" | "${n%%_*}" | "${n#*_}") dir="$d" ;; esac
	done
	[ -n "$dir" ] || fail "no exercise $exercise in this grader"
	copy_code "$root/student" "$dir"
	args=(run "$exercise")
else
	for dir in "$kit"/exercises/*/; do
		src="$root/student/exercises/$(basename "$dir")"
		[ -d "$src" ] && copy_code "$src" "$dir"
	done
	args=()
fi

cd "$kit" || exit 1
"$grade" "${args[@]}" --report prairielearn="$results"
status=$?
if [ "$status" -gt 1 ] || [ ! -s "$results" ]; then
	fail "the grader could not grade (grade exited $status): see the log"
fi
exit 0
