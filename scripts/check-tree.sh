#!/usr/bin/env bash
# House rules checked by machine (practice 16/17):
#  - every source file foo/bar.cpp has tests/foo/bar_test.cpp, and every test has its source,
#    except the files listed with a reason in tests/MIRROR_EXEMPT;
#  - <wx/...> only under wizard/gui/ (and its tests, tests/wizard/gui/), Asio/Beast only under runtime/ (and tests, bench, fuzz),
#    <curl/...> only under runtime/requester/ (DESIGN.md).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
fail=0
exempt=$(grep -v '^\(#\|$\)' tests/MIRROR_EXEMPT | awk '{print $1}')
is_exempt() { grep -qxF "$1" <<<"$exempt"; }

for src in $(git ls-files -co --exclude-standard -- 'base/*.cpp' 'certs/*.cpp' 'platform/*.cpp' \
    'registry/*.cpp' 'wizard/*.cpp' 'cli/*.cpp' 'runtime/*.cpp'); do
  [[ -f $src ]] || continue  # deleted or moved, and not staged yet
  test_file="tests/${src%.cpp}_test.cpp"
  if [[ ! -f $test_file ]] && ! is_exempt "$src"; then
    echo "no test for $src (expected $test_file, or list it in tests/MIRROR_EXEMPT with a reason)"
    fail=1
  fi
done
for test_file in $(git ls-files -co --exclude-standard -- 'tests/*_test.cpp'); do
  src="${test_file#tests/}"
  src="${src%_test.cpp}.cpp"
  if [[ ! -f $src && ! -f ${src%.cpp}.hpp ]] && ! is_exempt "$test_file"; then
    echo "test without a source: $test_file (no $src or ${src%.cpp}.hpp)"
    fail=1
  fi
done

wx=$(git grep -l '#include *<wx/' -- '*.cpp' '*.hpp' | grep -vE '^(wizard/gui|tests/wizard/gui)/')
[[ -n $wx ]] && { echo "wx included outside wizard/gui/:"; echo "$wx"; fail=1; }
asio=$(git grep -lE '#include *<boost/(asio|beast)' -- '*.cpp' '*.hpp' | grep -vE '^(runtime|bench|fuzz|tests)/')
[[ -n $asio ]] && { echo "Asio/Beast included outside runtime/:"; echo "$asio"; fail=1; }
curl=$(git grep -l '#include *<curl/' -- '*.cpp' '*.hpp' | grep -vE '^(runtime/requester|tests/runtime/requester|fuzz)/')
[[ -n $curl ]] && { echo "libcurl included outside runtime/requester/:"; echo "$curl"; fail=1; }

((fail == 0)) && echo "check-tree: ok"
exit $fail
