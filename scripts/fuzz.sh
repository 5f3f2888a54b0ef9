#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and fuzzes each for N seconds (default 20),
# starting from its seed corpus in a scratch copy, so the checked-in corpus only grows by hand.
# A crash leaves its input in build-fuzz/artifacts/ and fails the script.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-20}
# Only the fuzz targets and the libraries under them: the programs (postern, the runtime) are
# not fuzzed, and building them a third time would only cost CI minutes.
cd "$root"
cmake --preset fuzz >/dev/null
mapfile -t targets < <(sed -n 's/^postern_fuzz_target(\([a-z0-9_]*\) .*/\1/p' fuzz/CMakeLists.txt)
cmake --build --preset fuzz --target "${targets[@]}"
mkdir -p "$root/build-fuzz/artifacts"
for target in "$root"/build-fuzz/fuzz/*_fuzz; do
  name=$(basename "$target")
  work=$(mktemp -d)
  cp -a "$root/fuzz/corpus/$name/." "$work/"
  echo "== $name: ${seconds}s"
  status=0
  "$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix="$root/build-fuzz/artifacts/$name-" "$work" >"$work.log" 2>&1 || status=$?
  grep -E '^Done [0-9]+ runs|ERROR|SUMMARY' "$work.log" || true
  if ((status != 0)); then
    tail -n 40 "$work.log"
    echo "$name failed (exit $status); the input is in build-fuzz/artifacts/"
    exit 1
  fi
  rm -rf "$work" "$work.log"
done
