#!/usr/bin/env bash
# Installs what is missing, builds build/ in Release, and runs the bundled demonstration: calendar
# answers, a local test CA, CSR generation and intake, DV/OV/EV issuance, a chain check, a
# revocation and its CRL. Everything goes to reports/latest/, which is replaced only when the whole
# run succeeded (the previous report stays until then). Exit 0 when every step behaved as expected.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

casim="$CASIM_ROOT/build/casim"
reports="$CASIM_ROOT/reports"
mkdir -p "$reports"
work="$(mktemp -d "$reports/.run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
summary="$work/summary.txt"

# step TITLE EXPECTED_EXIT COMMAND...: runs the command, records its output, and checks its exit.
step() {
  local title="$1" expected="$2"
  shift 2
  local status=0
  { printf '\n== %s\n$ casim %s\n' "$title" "${*:2}"; } >>"$summary"
  "$@" >>"$summary" 2>&1 || status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "casim demo: '$title' exited $status, expected $expected (see $summary)" >&2
    cat "$summary" >&2
    exit 1
  fi
}

demo="$CASIM_ROOT/scenarios/demo"
echo "casim demonstration, $(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$summary"

step "Five business days after 2026-09-30 in China (National Day)" 0 \
  "$casim" calendar add-business-days --calendar CN --from 2026-09-30 --days 5
step "Business days from 2026-02-13 to 2026-03-02 in China (Spring Festival)" 0 \
  "$casim" calendar business-days --calendar CN --from 2026-02-13 --to 2026-03-02
step "Is Saturday 2026-10-10 a business day in China (make-up working day)?" 0 \
  "$casim" calendar is-business-day --calendar CN --date 2026-10-10
step "Is 2026-11-26 a business day in the US (Thanksgiving)?" 0 \
  "$casim" calendar is-business-day --calendar US --date 2026-11-26
step "China's 2026 holidays and working weekends" 0 \
  "$casim" calendar list --calendar CN --year 2026

step "Create a local test CA (ECDSA P-256)" 0 "$casim" ca init --dir "$work/ca" --key ecdsa
step "Generate a CSR online (ECC P-256)" 0 \
  "$casim" csr generate --algorithm ecc --curve P-256 --cn www.example.com --san example.com \
  --out "$work/csr/www.example.com"
step "Check the generated CSR" 0 "$casim" csr check "$work/csr/www.example.com/csr.pem"
for level in DV OV EV; do
  subject=()
  [ "$level" = OV ] && subject=(--subject-file "$demo/ov-subject.yaml")
  [ "$level" = EV ] && subject=(--subject-file "$demo/ev-subject.yaml")
  step "Issue a $level certificate" 0 \
    "$casim" ca issue --dir "$work/ca" --csr "$work/csr/www.example.com/csr.pem" --type "$level" \
    "${subject[@]}" --out "$work/certs/$level"
  step "Check the $level chain against the test root" 0 \
    "$casim" chain check "$work/certs/$level/fullchain.pem" --key "$work/csr/www.example.com/key.pem" \
    --roots "$work/ca/root/cert.pem"
done

serial="$(openssl x509 -in "$work/certs/DV/cert.pem" -noout -serial | cut -d= -f2)"
step "Revoke the DV certificate" 0 "$casim" ca revoke --dir "$work/ca" --serial "$serial" --reason superseded
step "Publish the CRLs" 0 "$casim" ca crl --dir "$work/ca"

# Publish: the new report replaces the last one only now that every step has passed.
rm -rf "$reports/previous"
[ -d "$reports/latest" ] && mv "$reports/latest" "$reports/previous"
mv "$work" "$reports/latest"
trap - EXIT
rm -rf "$reports/previous"
cat "$reports/latest/summary.txt"
echo
echo "casim: demonstration complete; reports, certificates and the CA are in reports/latest/"
