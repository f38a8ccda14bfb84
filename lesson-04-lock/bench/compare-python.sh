#!/usr/bin/env bash
# Times lesson 04 as a whole process, Rust (release build) against its Python companion,
# RUNS times each, and prints the median of each and their ratio. Both must print
# `Counter value: 500000`, or nothing is timed.
#
# Usage: lesson-04-lock/bench/compare-python.sh [RUNS]     RUNS default 10, from 3 to 1000
#
# Uses hyperfine (Debian/Ubuntu: apt install hyperfine; macOS: brew install hyperfine)
# when it is installed, and otherwise times each run itself with bash's microsecond clock.
set -euo pipefail
export LC_ALL=C # a decimal point in $EPOCHREALTIME, whatever the locale
cd "$(dirname "$0")/../.."

runs=${1:-10}
if ! [[ $runs =~ ^[0-9]{1,4}$ ]] || ((runs < 3 || runs > 1000)); then
  echo "compare-python.sh: RUNS must be a whole number from 3 to 1000, not '$runs'" >&2
  exit 2
fi
if ! command -v python3 >/dev/null; then
  echo "compare-python.sh: python3 is not installed; there is nothing to compare with" >&2
  exit 1
fi

cargo build --release --quiet -p lesson-04-lock
# Wherever cargo puts it: CARGO_TARGET_DIR or the build.target-dir setting may move it.
target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
rust=$target_dir/release/lesson-04-lock
# The interpreter itself, not `python3` on PATH: a version manager's shim (pyenv,
# asdf) in between would add its own start-up, about 0.1 s a run, to Python's time.
interpreter=$(python3 -c 'import sys; print(sys.executable)')
if [ -z "$interpreter" ] || [[ $interpreter =~ [[:space:]] ]]; then interpreter=python3; fi
python="$interpreter lesson-04-lock/python/lock.py"

for command in "$rust" "$python"; do
  last=$($command | tail -n 1)
  if [ "$last" != "Counter value: 500000" ]; then
    echo "compare-python.sh: '$command' ended with '$last', not 'Counter value: 500000'" >&2
    exit 1
  fi
done

# median SECONDS... -> the median, in seconds
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

if command -v hyperfine >/dev/null; then
  echo "timing with $(hyperfine --version), $runs runs each after 1 warm-up run"
  json=$(mktemp)
  trap 'rm -f "$json"' EXIT
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$json" \
    --command-name rust "$rust" --command-name python "$python" >&2
  read -r rust_median python_median < <(python3 -c '
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
print(results["rust"], results["python"])' "$json")
else
  echo "timing with bash's clock (hyperfine is not installed), $runs runs each after 1 warm-up run"
  time_runs() { # time_runs COMMAND -> one duration per line, in seconds
    local i start
    $1 >/dev/null
    for ((i = 0; i < runs; i++)); do
      start=$EPOCHREALTIME
      $1 >/dev/null
      awk -v end="$EPOCHREALTIME" -v start="$start" 'BEGIN { print end - start }'
    done
  }
  rust_median=$(median $(time_runs "$rust"))
  python_median=$(median $(time_runs "$python"))
fi

awk -v r="$rust_median" -v p="$python_median" 'BEGIN {
  printf "rust   (%s): median %.4f s\n", "release", r
  printf "python (%s): median %.4f s\n", "python3 lock.py", p
  printf "python / rust: %.1fx\n", p / r
}'
