#!/usr/bin/env bash
# Compile time of each real model's generated client, in full and with a one-operation filter:
# a crate holding only `shapegen::generate!{..}`, built after its dependencies are prebuilt, so
# the figure is the macro's expansion plus rustc on the generated code.
#
#   bench/scripts/model-build-times.sh [debug|release]
#
# Needs ../shared (the real models) beside the checkout. Prints a Markdown table.
set -euo pipefail
profile=${1:-debug}
root=$(cd "$(dirname "$0")/../.." && pwd)
models_dir=$(cd "$root/../shared/models/smithy" && pwd)
work=${SHAPEGEN_BENCH_DIR:-/tmp/shapegen-model-builds}
target="$work/target"
mkdir -p "$work"
flag=""
[ "$profile" = release ] && flag="--release"

make_crate() { # name, spec, operations-line
    local dir="$work/$1"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
shapegen = { path = "$root/runtime" }
[workspace]
TOML
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    if [ -n "$2" ]; then
        printf '#![deny(warnings)]\npub mod client {\n    shapegen::generate! { spec: "%s", %s }\n}\n' "$2" "$3" > "$dir/src/lib.rs"
    else
        printf '#![deny(warnings)]\npub use shapegen;\n' > "$dir/src/lib.rs"
    fi
}

# Dependencies once, so each timed build compiles only the generated crate.
make_crate warmup "" ""
(cd "$work/warmup" && CARGO_TARGET_DIR="$target" cargo build -q $flag)

echo "| model | full | one operation |"
echo "|---|---:|---:|"
for entry in chime-sdk-meetings:BatchCreateAttendee chime:BatchCreateAttendee connect:StartChatContact quicksight:DescribeAccountSettings mediaconvert:ListJobs; do
    model=${entry%%:*}
    op=${entry#*:}
    row="| $model"
    for mode in full one; do
        name="m_${model//-/_}_$mode"
        ops=""
        [ "$mode" = one ] && ops="operations: [$op],"
        make_crate "$name" "$models_dir/$model.json" "$ops"
        start=$(date +%s.%N)
        (cd "$work/$name" && CARGO_TARGET_DIR="$target" cargo build -q $flag)
        end=$(date +%s.%N)
        row="$row | $(printf '%.1f' "$(echo "$end - $start" | bc)") s"
        if [ "$mode" = one ]; then row="$row (\`$op\`)"; fi
    done
    echo "$row |"
done
