#!/usr/bin/env bash
# Length report (practice 18): the longest source files and functions, so reviewers look at
# numbers. Files over 400 lines and functions over 60 are marked; it only reports, never fails.
# A function is found the way our clang-format layout writes it: a line at column 0 with "(" that
# ends in "{", up to the next "}" at column 0.
set -u  # no pipefail: `head` closing the pipe early is expected here
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp' | grep -v '^tests/')
echo "== longest files"
wc -l "${files[@]}" | grep -v ' total$' | sort -rn | head -n "${1:-10}" |
  awk '{ printf "%s%6d  %s\n", ($1 > 400 ? "!" : " "), $1, $2 }'
echo "== longest functions"
awk '
  FNR == 1 { start = 0 }
  /^[A-Za-z].*\(.*\{ *$/ && !/^(namespace|struct|class|enum|extern)/ { start = FNR; name = $0; next }
  start && /^\}/ { printf "%d\t%s:%d\t%s\n", FNR - start + 1, FILENAME, start, substr(name, 1, 70); start = 0 }
' "${files[@]}" | sort -rn | head -n "${1:-10}" |
  awk -F'\t' '{ printf "%s%6d  %s  %s\n", ($1 > 60 ? "!" : " "), $1, $2, $3 }'
exit 0
