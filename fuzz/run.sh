#!/usr/bin/env bash
# Runs one fuzz target (built by fuzz/build.sh) on a corpus seeded from the repository's own
# files; new inputs, and any crash with its input, go under fuzz/.build/.
#   fuzz/run.sh check [SECONDS]   applications, seeded from examples/ and rules-dsl/tests/bases/
#   fuzz/run.sh rules [SECONDS]   rule files, seeded from rules-dsl/provinces/
#   fuzz/run.sh syntax [SECONDS]  rule files, lexed and parsed only, seeded as rules
#   fuzz/run.sh decode [SECONDS]  the decoder's fast path against its full path, seeded as check
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: fuzz/run.sh check|decode|rules|syntax [SECONDS]}
seconds=${2:-60}
case $name in
  check | decode) seeds=(examples rules-dsl/tests/bases) dictionary=fuzz/json.dict ;;
  rules | syntax) seeds=(rules-dsl/provinces) dictionary=fuzz/rules.dict ;;
  *) echo "fuzz/run.sh: unknown target '$name' (check, decode, rules or syntax)" >&2; exit 64 ;;
esac
corpus=fuzz/.build/corpus-$name
mkdir -p "$corpus"
# LeakSanitizer takes the compiled program a target keeps in a global for a leak: Swift keeps
# some references with tag bits in an enum payload, which it does not recognise as pointers.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
exec "fuzz/.build/fuzz-$name" "$corpus" "${seeds[@]}" -dict="$dictionary" \
  -max_total_time="$seconds" -timeout=10 -max_len=65536 -artifact_prefix="fuzz/.build/$name-" \
  -print_final_stats=1 -detect_leaks=0 "${@:3}"
