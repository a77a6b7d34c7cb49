#!/usr/bin/env bash
# Writes the seed corpus of every fuzz target into fuzz/corpus/<target>/ (git-ignored): the
# repository's models, hand-written replies and, when ../shared is beside the repository, the
# smallest AWS models and the protocol-test suites' replies. Safe to run again: seeds are
# rewritten, files the fuzzer added to the corpus are kept.
set -euo pipefail
fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz_dir")"
cargo run --quiet --release --manifest-path "$fuzz_dir/Cargo.toml" -p shapegen-fuzz-seed -- \
    "$root" "$fuzz_dir/corpus"
