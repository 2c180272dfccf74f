#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/targets/ against icprules' own modules, every one of them
# compiled with coverage instrumentation and AddressSanitizer, into fuzz/.build/. SwiftPM builds
# the product; this builds the same sources a second way, because a fuzz target has no `main`
# (libFuzzer provides it) and everything it reaches must be instrumented.
#   fuzz/build.sh              builds every target: fuzz/.build/fuzz-<name>
#   fuzz/run.sh NAME [SECONDS] runs one on its seed corpus (see fuzz/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/.build
mkdir -p "$out/CPlatform"

# The C target, as SwiftPM builds it, and a module map so that Swift can import it. The
# toolchain's own clang, which has libFuzzer's runtime, rather than whichever comes first.
toolchain_clang="$(dirname "$(readlink -f "$(command -v swiftc)")")/clang"
[ -x "$toolchain_clang" ] || toolchain_clang=clang
"$toolchain_clang" -O2 -g -fsanitize=fuzzer-no-link,address -ISources/CPlatform/include \
  -c Sources/CPlatform/Platform.c -o "$out/CPlatform.o"
printf 'module CPlatform {\n  header "%s"\n  export *\n}\n' \
  "$PWD/Sources/CPlatform/include/CPlatform.h" > "$out/CPlatform/module.modulemap"

flags=(-O -g -sanitize=fuzzer,address -parse-as-library -enable-testing -I "$out" -I "$out/CPlatform")
# In dependency order (Package.swift).
for module in RulesSupport RulesDiagnostics RulesSyntax RulesSemantics RulesRuntime RulesLint RulesDriver; do
  # Absolute paths: the driver finds the shipped rules from its own `#filePath`.
  find "$PWD/Sources/$module" -name '*.swift' | sort > "$out/$module.sources"
  swiftc "${flags[@]}" -wmo -module-name "$module" -emit-module -emit-module-path "$out/$module.swiftmodule" \
    -c -o "$out/$module.o" @"$out/$module.sources"
done

objects=("$out"/Rules*.o "$out/CPlatform.o")
# By absolute path too: `rules` finds the shipped rules from its own `#filePath`.
for target in "$PWD"/fuzz/targets/*.swift; do
  name=$(basename "$target" .swift)
  swiftc "${flags[@]}" -module-name "Fuzz_${name//-/_}" "$target" "${objects[@]}" -o "$out/fuzz-$name"
  echo "built $out/fuzz-$name"
done
