#!/usr/bin/env bash
# mint.sh: builds and runs mint_bench (a new host name through CertStore::get: fresh P-256 key,
# build, ECDSA signature, cache insert), then the benchmark kit's floor (the same operations in
# bare OpenSSL), when the kit is present beside the repository, and prints the ratio.
#
#   bench/mint.sh [names]        (default 2000; BUILD_DIR defaults to build/)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
names=${1:-2000}

if [[ ! -f $build/build.ninja && ! -f $build/Makefile ]]; then
  cmake --preset default -S "$repo" >/dev/null
fi
cmake --build "$build" --target mint_bench -j2 >/dev/null
ours=$("$build/bench/mint_bench" "$names")
echo "$ours"

kit="$(dirname "$0")/../../shared/bench"
if [[ ! -f $kit/floor.sh ]]; then
  echo "floor: $kit/floor.sh not found; skipped"
  exit 0
fi
floor_out=$(mktemp)
floor_bin=$(mktemp)
trap 'rm -f "$floor_out" "$floor_bin"' EXIT
# floor.sh also builds the kit's load client, which needs libcurl headers; without them, build
# and run its mintfloor program alone (the rows compared here come from it in either case).
if ! "$kit/floor.sh" --out "$floor_out" >/dev/null 2>&1; then
  echo "floor: floor.sh failed; running the kit's mintfloor directly"
  g++ -O2 -std=c++17 -o "$floor_bin" "$kit/mintfloor.cpp" -lcrypto
  "$floor_bin" >"$floor_out"
fi
grep -E '^(keygen-p256|sign-leaf-p256|mint-p256-by-p256)' "$floor_out" || true

# The floor's closest row: fresh P-256 leaf key + build + P-256 CA signature, fast public key.
floor_us=$(awk '$1 == "mint-p256-by-p256-fastpub" { for (i = 2; i <= NF; i++) if ($i ~ /^median_us=/) { sub("median_us=", "", $i); print $i } }' "$floor_out")
ours_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$ours")
if [[ -n $floor_us && -n $ours_ms ]]; then
  awk -v ours="$ours_ms" -v floor="$floor_us" \
    'BEGIN { printf "MINT_RATIO postern_median_ms=%.3f floor_median_ms=%.3f ratio=%.2f\n", ours, floor / 1000, ours * 1000 / floor }'
fi
