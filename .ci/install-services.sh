#!/usr/bin/env bash
# System packages behind the end-to-end tests: PostgreSQL, LibreOffice with CJK fonts,
# poppler (pdfinfo/pdftotext/pdftoppm), tmux, sqlite3; Calc renders the workbook picture (docs/img).
set -euo pipefail
# apt_get: apt-get that waits (bounded, saying for what) while another apt or dpkg holds the lock.
source "$(dirname "$0")/apt.sh"
PACKAGES=(postgresql libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming
          poppler-utils tmux sqlite3 locales openssh-server openssh-client chromium)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core drives Debian's chromium for the web test; it downloads no browser of its own.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends nodejs npm
fi
(cd "$(dirname "$0")/../tests/e2e/web" && npm install --no-audit --no-fund --silent)
