#!/usr/bin/env bash
# Cross-builds the Windows-only modules and their Catch2 tests with MinGW-w64 (tests/wine/) and
# runs them under Wine in a private prefix (recipe windows-wine). Usage:
#   scripts/wine-test.sh [--build-dir=DIR] [Catch2 arguments, e.g. "[trust]" or -s]
# DIR defaults to build/wine; ctest passes <build tree>/wine. It holds the cross build, the
# Wine prefix (about 700 MB, reused between runs; the tests clean up after themselves) and a
# HOME for Wine, so nothing outside it is touched: not the real home, not the real trust store.
# Exit status: the test executable's (Catch2 counts failed assertions; 5 = it crashed), or 77
# (ctest: skipped) when MinGW-w64 or Wine is not installed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/build/wine
if [[ ${1:-} == --build-dir=* ]]; then
  out=${1#--build-dir=}
  shift
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

wine=/usr/lib/wine/wine64  # Debian's 64-bit loader; /usr/bin/wine only adds a wine32 hint
[[ -x $wine ]] || wine=$(command -v wine64 || command -v wine || true)
for tool in x86_64-w64-mingw32-g++ cmake ninja wineserver flock; do
  command -v "$tool" >/dev/null || { echo "wine-test: skipped: $tool not found (scripts/deps.sh installs it)"; exit 77; }
done
[[ -n $wine ]] || { echo "wine-test: skipped: wine not found (scripts/deps.sh installs it)"; exit 77; }

# One run per build folder at a time: the prefix's registry and stores are shared state.
exec 9>"$out/.lock"
flock 9

# 1. Build (incrementally; Ninja rebuilds only what changed, ccache helps after a clean).
if [[ ! -f $out/cmake/build.ninja ]]; then
  cmake -S "$root/tests/wine" -B "$out/cmake" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64-x86_64.cmake" >"$out/configure.log" 2>&1 ||
    { cat "$out/configure.log"; exit 1; }
fi
started=$SECONDS
if ! cmake --build "$out/cmake" --parallel 2 >"$out/build.log" 2>&1; then
  cat "$out/build.log"
  echo "wine-test: the cross build failed"
  exit 1
fi
echo "wine-test: cross build up to date ($((SECONDS - started)) s)"

# 2. A private Wine: its own prefix and HOME (Wine links the profile's Desktop and Documents to
# $HOME's), no display, no menu entries, no Mono or Gecko installers, and only error output.
export WINEPREFIX=$out/prefix WINEARCH=win64 HOME=$out/home WINEDEBUG=-all
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR
mkdir -p "$HOME"

# Stops this prefix's server and every Wine process in it, and no other: wineserver -k acts on
# $WINEPREFIX only. Also what ends the services Wine starts for the prefix.
stop_wine() {
  wineserver -k </dev/null >/dev/null 2>&1 9>&- || true
  wineserver -w </dev/null >/dev/null 2>&1 9>&- || true
}
trap stop_wine EXIT
trap 'exit 143' TERM INT  # so that a timeout or ^C still runs stop_wine

# 3. Create or update the prefix and start its services, all with stdio on files: a Wine process
# that inherits ctest's pipe keeps ctest waiting after the test ends (recipe §7, §8). None gets
# the lock's descriptor either (9>&-), or a server left behind would hold the lock. The server
# stays up between the steps, and goes by itself 60 s after a run that could not stop it.
started=$SECONDS
[[ -f $WINEPREFIX/system.reg ]] || echo "wine-test: creating the Wine prefix $WINEPREFIX"
mkdir -p "$WINEPREFIX"  # the server needs the folder; Wine fills an empty one
wineserver -p60 </dev/null >/dev/null 2>&1 9>&-
# Any program makes Wine create the prefix, or update it after a Wine upgrade, before it runs;
# an empty cmd.exe does that and starts the services (0.4 s warm, `wineboot -u` takes 6 s).
if ! "$wine" cmd.exe /c exit </dev/null >"$out/prefix.log" 2>&1 9>&-; then
  cat "$out/prefix.log"
  echo "wine-test: Wine could not create or start the prefix"
  exit 1
fi
echo "wine-test: Wine prefix ready ($((SECONDS - started)) s)"

# 4. Run the tests. Their output goes to a file for the same reason, then to our stdout.
log=$out/windows_tests.log
status=0
timeout 600 "$wine" "$out/cmake/windows_tests.exe" --use-colour no --order rand \
  --warn NoAssertions "$@" </dev/null >"$log" 2>&1 9>&- || status=$?
tr -d '\r' <"$log"
case $status in
  0) ;;
  5) echo "wine-test: the test executable crashed (access violation, exit 5)" ;;
  53) echo "wine-test: a DLL the test executable needs is missing (exit 53)" ;;
  124) echo "wine-test: timed out after 600 s" ;;
  *) echo "wine-test: failed (exit $status)" ;;
esac
exit $status
