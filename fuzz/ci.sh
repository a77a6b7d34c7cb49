#!/usr/bin/env bash
# Builds every fuzz target once and runs each for a short fixed time on its seed corpus; fails
# on any crash, panic, timeout or out-of-memory. `.ci/run` calls it after the tests.
#
#   fuzz/ci.sh [seconds per target]      (default 15; SHAPEGEN_FUZZ_SECONDS also sets it)
#
# For a long run of one target, see the README's "Fuzzing" section.
set -euo pipefail
fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz_dir")"
seconds="${1:-${SHAPEGEN_FUZZ_SECONDS:-15}}"
targets=(model_pipeline model_mutate json_reader error_code headers_timestamps reply_handling)

# The nightly toolchain, as cargo-fuzz expects. Without a sanitizer cargo-fuzz passes no
# unstable flag, so a machine that has only the stable toolchain (no other can be fetched
# there) still fuzzes, with a notice.
toolchain=nightly
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
    toolchain=stable
    echo "fuzz: no nightly toolchain here; building with stable (no sanitizer needs nightly)"
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
fi

cargo fmt --manifest-path "$fuzz_dir/Cargo.toml" --all -- --check
"$fuzz_dir/seed.sh"

cd "$root"
# No sanitizer (safe Rust: a panic is the finding), with debug assertions and overflow checks;
# 16 codegen units build faster on two cores, and a short run loses little to the slower code.
flags=(--sanitizer none --debug-assertions --codegen-units 16)
echo "fuzz: building the targets ($(rustup run "$toolchain" rustc --version))"
cargo "+$toolchain" fuzz build "${flags[@]}"

logs="$fuzz_dir/artifacts/logs"
mkdir -p "$logs"
passed=0
failed=0
for target in "${targets[@]}"; do
    log="$logs/$target.log"
    if cargo "+$toolchain" fuzz run "${flags[@]}" "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        >"$log" 2>&1; then
        runs="$(grep -o '^stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
        echo "fuzz: $target: ${runs:-?} executions in ${seconds}s, no crash"
        passed=$((passed + 1))
    else
        echo "fuzz: $target FAILED; the end of its log ($log):"
        tail -n 60 "$log"
        failed=$((failed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
