#!/usr/bin/env bash
# Makes sure a CUPS server runs with the cups-pdf virtual printer «HuiwuTestPDF», for the printing
# tests (sourced by scripts/test.sh, which then exports HUIWU_TEST_PRINTER and _OUT). cups-pdf
# writes each job as a PDF into ~/PDF of the user who printed, where the tests read it back.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running"; then
  echo "==> cups: starting the print server"
  as_root /usr/sbin/cupsd
  for _ in $(seq 1 50); do
    LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.2
  done
fi
if ! lpstat -v HuiwuTestPDF >/dev/null 2>&1; then
  echo "==> cups: adding the virtual printer HuiwuTestPDF (cups-pdf)"
  as_root lpadmin -p HuiwuTestPDF -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -E 2>/dev/null
fi
as_root cupsenable HuiwuTestPDF
