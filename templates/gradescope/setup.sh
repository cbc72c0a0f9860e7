#!/usr/bin/env bash
# Gradescope runs this once, as root on Ubuntu, when it builds the
# autograder's image from the zip that 'make gradescope-zip' makes (it
# holds this file, run_autograder and the grade binary). It installs Go
# and gcc: the race detector needs cgo.
set -euo pipefail

# The Go release grading uses: 1.25 or newer.
GO_VERSION="${GO_VERSION:-1.26.8}"

apt-get update -q
apt-get install -y -q --no-install-recommends ca-certificates curl gcc libc6-dev

case "$(uname -m)" in
	x86_64) arch=amd64 ;;
	aarch64 | arm64) arch=arm64 ;;
	*) echo "setup.sh: no Go release for $(uname -m)" >&2; exit 1 ;;
esac
rm -rf /usr/local/go
curl -fsSL "https://go.dev/dl/go${GO_VERSION}.linux-${arch}.tar.gz" | tar -C /usr/local -xz
/usr/local/go/bin/go version

chmod +x /autograder/source/grade /autograder/source/run_autograder
