#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format (with .clang-format) would write.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# Files deleted or moved but not staged yet are still in the index; only existing ones count.
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp' |
  while read -r file; do [[ -f $file ]] && echo "$file"; done)
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/postern-format.log; then
  grep -E '^[^ ].*(warning|error):' /tmp/postern-format.log | cut -d: -f1 | sort -u |
    sed 's/^/needs clang-format: /'
  echo "fix with: clang-format -i <files>"
  exit 1
fi
echo "check-format: ok (${#files[@]} files)"
