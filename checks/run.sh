#!/usr/bin/env bash
# Checks the generated sample site with real tools (run from anywhere; needs `npm ci` in checks/):
#   checks/run.sh              build the sample site with the release binary into a temporary
#                              folder, then check it
#   checks/run.sh OUTPUT_DIR   check an already-built output folder instead
# Checks: Nu HTML Checker (every page and stylesheet, zero errors), axe-core in headless Chromium
# (WCAG 2.0/2.1 A+AA and best practices, zero violations), links and fragments, Atom feed and
# sitemap, nothing off-screen at 390 px (every page; scrollable boxes excepted), search in the
# browser. One summary line per check; details only for problems.
set -euo pipefail
checks="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$checks")"
given=""
if [ $# -ge 1 ]; then
  given="$(cd "$1" && pwd)" || { echo "checks: no folder $1" >&2; exit 1; }
fi
cd "$checks"

for tool in node java; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "checks: '$tool' is required (Debian: apt-get install nodejs npm default-jre-headless)" >&2
    exit 1
  fi
done
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  echo "checks: Node.js 18 or later is required (this is $(node --version))" >&2
  exit 1
fi
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "checks: warning: no Chinese font found (Debian: fonts-noto-cjk); widths are measured with a fallback" >&2
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "checks: run 'npm ci' in $checks first" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ -n "$given" ]; then
  site="$given"
else
  site="$tmp/site"
  if ! (cd "$root" && cargo run --quiet --release --locked -- build --output "$site") >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log" >&2
    echo "checks: building the sample site failed" >&2
    exit 1
  fi
  echo "build: $(find "$site" -name '*.html' | wc -l) pages in a temporary folder"
fi

status=0

# Nu HTML Checker: every page, then every stylesheet. Errors fail; warnings are shown.
pages=()
while IFS= read -r -d '' f; do pages+=("$f"); done < <(find "$site" -name '*.html' -print0 | sort -z)
styles=()
while IFS= read -r -d '' f; do styles+=("$f"); done < <(find "$site" -name '*.css' -print0 | sort -z)
vnu=(java -Xss8m -jar node_modules/vnu-jar/build/dist/vnu.jar --format gnu --stdout)
{
  "${vnu[@]}" "${pages[@]}" || true
  if [ ${#styles[@]} -gt 0 ]; then "${vnu[@]}" --css "${styles[@]}" || true; fi
} >"$tmp/vnu.txt" 2>&1
# gnu format: "file":line.col-line.col: error|info warning|info: message
errors=$(grep -c -E '^"[^"]*":[0-9.-]*: error' "$tmp/vnu.txt" || true)
warnings=$(grep -c -E '^"[^"]*":[0-9.-]*: info warning' "$tmp/vnu.txt" || true)
# Anything else is the checker failing, except the JVM's own notices ("Picked up JAVA_TOOL_OPTIONS").
other=$(grep -v -E '^"[^"]*":[0-9.-]*: (error|info)' "$tmp/vnu.txt" | grep -v -c -E '^Picked up ' || true)
line="vnu: ${#pages[@]} pages and ${#styles[@]} stylesheets, $errors errors, $warnings warnings"
if [ "$errors" -ne 0 ] || [ "$other" -ne 0 ]; then
  echo "$line  FAILED"
  status=1
  sed "s|\"file:$site/|\"|; s|\"$site/|\"|; s|^|  |" "$tmp/vnu.txt" | grep -v -E ': info:' || true
else
  echo "$line"
  grep -E ': info warning' "$tmp/vnu.txt" | sed "s|\"file:$site/|\"|; s|\"$site/|\"|; s|^|  |" || true
fi

# axe-core, links, feed and sitemap, phone width, search: in the machine's headless Chromium.
node site-checks.mjs "$site" "$root" || status=1

# The theme as a reader sees it (checks/theme-*.mjs, one concern each): on the sample site, and on
# a fixture site with real year-over-year changes (three years, a gap, a derived value, a break,
# an approximate and a bounded value), built here with the same binary.
fixture_root="$root/tests/fixtures/yoy"
fixture=""
if [ -f "$fixture_root/site.yaml" ]; then
  fixture="$tmp/fixture"
  if ! (cd "$root" && cargo run --quiet --release --locked -- build --root "$fixture_root" --output "$fixture") >"$tmp/fixture.log" 2>&1; then
    cat "$tmp/fixture.log" >&2
    echo "checks: building the fixture site failed" >&2
    exit 1
  fi
fi
for check in theme-*.mjs; do
  [ -f "$check" ] || continue
  node "$check" "$site" "$root" || status=1
  if [ -n "$fixture" ]; then node "$check" "$fixture" "$fixture_root" || status=1; fi
done

if [ "$status" -ne 0 ]; then
  echo "checks: FAILED (see above)" >&2
fi
exit "$status"
