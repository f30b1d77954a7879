#!/bin/sh
# Install the system libraries contracttools needs where they are missing (Debian/Ubuntu):
# Pango and HarfBuzz (with its subset library) for WeasyPrint, poppler-utils for the PDF tests,
# DejaVu (Latin, Greek, Cyrillic) and Droid Sans Fallback (Chinese, Japanese, Korean) fonts.
set -eu
missing=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0.so.0 || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
have_lib libharfbuzz-subset.so.0 || missing="$missing libharfbuzz-subset0"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
fc-list 2>/dev/null | grep -qi "dejavu serif" || missing="$missing fonts-dejavu-core"
fc-list 2>/dev/null | grep -qi "droid sans fallback" || missing="$missing fonts-droid-fallback"
# With "test": LibreOffice (with its Python bridge, for Accept/Reject All over UNO), the second
# independent reader of our Word files (Calc: of our spreadsheets), and Chromium, which opens
# our HTML as a browser does (with npm, which installs axe-core to check it for accessibility).
if [ "${1:-}" = "test" ]; then
    command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
    [ -e /usr/lib/libreoffice/program/libscfiltlo.so ] || missing="$missing libreoffice-calc-nogui"
    [ -e /usr/lib/python3/dist-packages/uno.py ] || missing="$missing python3-uno"
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"  # axe-core, from npm
    fc-list 2>/dev/null | grep -qi "liberation serif" || missing="$missing fonts-liberation"
    # Tesseract (English), for the tests of `import --ocr` on pages without a text layer.
    command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr tesseract-ocr-eng"
fi
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "contracttools needs:$missing (install them with your package manager)" >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing:$missing" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
