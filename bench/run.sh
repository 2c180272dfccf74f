#!/usr/bin/env bash
# Measures icprules in one run (release build) and prints the figures bench/README.md reports.
#   bench/run.sh            all measurements (needs ~1.2 GB of disk in $TMPDIR for the 1 GB file)
#   bench/run.sh --quick    skip the 1 GB streaming run
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product icprules >/dev/null
swift build -c release --product icprules-bench >/dev/null
bin=.build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/icprules-bench" generate 100000 "$work/100k.jsonl"
[ "${1:-}" = "--quick" ] || "$bin/icprules-bench" generate 880000 "$work/1g.jsonl"
python3 - "$bin" "$work" "${1:-}" <<'PY'
import os, statistics, subprocess, sys, time
bin, work, mode = sys.argv[1], sys.argv[2], sys.argv[3]
def run(args, stdout=subprocess.DEVNULL):
    start = time.perf_counter()
    result = subprocess.run(args, stdout=stdout, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, result
def median_time(args, n=21):
    return statistics.median(run(args)[0] for _ in range(n))
out = subprocess.run([f"{bin}/icprules-bench", "eval", "3"], capture_output=True, text=True).stdout.strip()
eval_rate = int(out.split(": ")[-1].split(" ")[0])
print(out)
def run_measuring_memory(args):
    """Wall time and peak resident memory (MiB) of this one process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss // 1024
# The cold start and lint come before the runs that read the 100,000-line file: in turn, a
# block of `check` runs right after Foundation's decoding of it (262 MB freed at exit) had a
# median ratio of 1.72 over 16 blocks, against 1.50 after the evaluation run (bench/README.md).
version_args = [f"{bin}/icprules", "--version"]
check_args = [f"{bin}/icprules", "check", "examples/individual-sichuan-pass.json"]
version = median_time(version_args)
cold = median_time(check_args)
print(f"cold start, 21 of each in turn: --version {version*1000:.1f} ms, check one application {cold*1000:.1f} ms, ratio {cold/version:.2f}")
# The same pair interleaved, so that drift in the machine's speed (which moves --version by
# ±15 % from one minute to the next) falls on both alike.
pairs = [(run(version_args)[0], run(check_args)[0]) for _ in range(31)]
version = statistics.median(v for v, _ in pairs)
cold = statistics.median(c for _, c in pairs)
print(f"cold start, 31 interleaved pairs: --version {version*1000:.1f} ms, check one application {cold*1000:.1f} ms, ratio {cold/version:.2f}")
lint = median_time([f"{bin}/icprules", "lint"], n=7)
print(f"lint the shipped rules: {lint*1000:.0f} ms (includes process start and compiling)")
lines = 100000
elapsed = median_time([f"{bin}/icprules", "check", "--format", "json", f"{work}/100k.jsonl"], n=5)
e2e = lines / elapsed
found = subprocess.run([f"{bin}/icprules-bench", "foundation", f"{work}/100k.jsonl"], capture_output=True, text=True).stdout.strip()
foundation_rate = int(found.split(": ")[-1].split(" ")[0])
print(f"end to end: check --format json on 100,000 lines (median of 5): {elapsed:.2f} s, {e2e:,.0f} applications/s")
print(found)
print(f"ratio end to end / Foundation JSONSerialization decoding alone: {e2e / foundation_rate:.2f}")
if mode != "--quick":
    size = os.path.getsize(f"{work}/1g.jsonl")
    elapsed, rss = run_measuring_memory([f"{bin}/icprules", "check", "--format", "json", f"{work}/1g.jsonl"])
    print(f"streaming: {size/1e9:.2f} GB, 880,000 lines in {elapsed:.1f} s, peak resident memory {rss} MiB")
PY
