#!/usr/bin/env bash
# Debian packages the tests need, installed with apt-get when missing (never a downloaded browser):
#   chromium     the browser tests drive /usr/bin/chromium through Playwright
#   faketime     the suite is also run with the clock moved to 2027 (make test), to prove nothing reads the wall clock
#   nginx        `make serve` puts it in front of several workers; tests/test_e2e_workers.py does the same
set -euo pipefail
declare -A BINARY=([chromium]=/usr/bin/chromium [faketime]=/usr/bin/faketime [nginx]=/usr/sbin/nginx)
missing=()
for package in "$@"; do
  [ -x "${BINARY[$package]:-/nonexistent}" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages the tests need: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Run as root or install the Debian packages yourself: ${missing[*]}" >&2; exit 1; fi
$SUDO apt-get update -qq
extra=()
for package in "${missing[@]}"; do [ "$package" = chromium ] && extra+=(fonts-dejavu-core); done
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" "${extra[@]}" >/dev/null
