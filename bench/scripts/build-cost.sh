#!/usr/bin/env bash
# What one operation costs to build: the same small program (build a client, send one request
# to the URL given as its argument) written with shapegen and with the official AWS SDK crate,
# for BatchCreateAttendee of Chime SDK Meetings and StartChatContact of Connect (a big service).
#
# Per program: cold debug and cold release `cargo build` wall time (a fresh CARGO_TARGET_DIR
# each; the registry cache is shared and filled first, so downloads are not timed), the number
# of crates compiled (`Compiling` lines), and the size of the stripped release binary. Then
# the expansion benchmark (the macro's codegen alone, every model in full and filtered).
#
#   bench/scripts/build-cost.sh [PROGRAM...]
#
# PROGRAM: shapegen-meetings official-meetings shapegen-connect official-connect (default: all).
# Environment: SHAPEGEN_BENCH_DIR (work dir, default /tmp/shapegen-build-cost),
# OFFICIAL_CONNECT_VERSION (default below), BUILD_PROFILES (default "debug release"; "debug"
# alone is a quicker check, without binary sizes), REPETITIONS (cold builds of each program
# and profile, interleaved program by program; the tables give medians, default 1),
# SKIP_EXPANSION=1, EXPANSION_REPETITIONS (default 9).
# Needs ../shared (the real models) beside the checkout. Prints Markdown tables.
set -euo pipefail
bench=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$bench/.." && pwd)
models=$(cd "$root/../shared/models/smithy" && pwd)
work=${SHAPEGEN_BENCH_DIR:-/tmp/shapegen-build-cost}
# The official crates: Chime SDK Meetings as pinned in bench/Cargo.lock (the runtime benchmark
# uses it), Connect from the same SDK release.
meetings_version=$(awk '/^name = "aws-sdk-chimesdkmeetings"$/ { getline; gsub(/version = |"/, ""); print }' "$bench/Cargo.lock")
connect_version=${OFFICIAL_CONNECT_VERSION:-1.220.0}
profiles=${BUILD_PROFILES:-debug release}
repetitions=${REPETITIONS:-1}
meeting_id=8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b
programs=("$@")
[ ${#programs[@]} -eq 0 ] && programs=(shapegen-meetings official-meetings shapegen-connect official-connect)
mkdir -p "$work"

# make_crate NAME DEPENDENCY-LINE MAIN-RS: a standalone crate under $work with bench's lockfile
# (so shared dependencies resolve to the same versions for every program).
make_crate() {
    local dir="$work/$1"
    rm -rf "$dir"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2
tokio = { version = "1", features = ["macros", "rt"] }

[workspace]
TOML
    cp "$bench/Cargo.lock" "$dir/Cargo.lock"
    printf '%s\n' "$3" > "$dir/src/main.rs"
}

shapegen_dep="shapegen = { path = \"$root/runtime\" }"

shapegen_meetings_main=$(cat <<RUST
//! Creates one attendee with shapegen's generated Chime SDK Meetings client.
mod meetings {
    shapegen::generate! {
        spec: "$models/chime-sdk-meetings.json",
        operations: [BatchCreateAttendee],
    }
}

use meetings::types::CreateAttendeeRequestItem;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).ok_or("usage: shapegen-meetings URL")?;
    let config = shapegen::Config::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKIDEXAMPLE", "secret", None))
        .build()?;
    let client = meetings::Client::new(config);
    let attendee = CreateAttendeeRequestItem::builder()
        .external_user_id("ada@example.com")
        .build()?;
    let output = client
        .batch_create_attendee()
        .meeting_id("$meeting_id")
        .attendees(attendee)
        .send()
        .await?;
    println!("created {} attendee(s)", output.attendees.map_or(0, |a| a.len()));
    Ok(())
}
RUST
)

official_meetings_main=$(cat <<RUST
//! Creates one attendee with the official aws-sdk-chimesdkmeetings client.
use aws_sdk_chimesdkmeetings as sdk;
use sdk::config::{BehaviorVersion, Credentials, Region};
use sdk::types::CreateAttendeeRequestItem;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).ok_or("usage: official-meetings URL")?;
    let config = sdk::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url(url)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "example"))
        .build();
    let client = sdk::Client::from_conf(config);
    let attendee = CreateAttendeeRequestItem::builder()
        .external_user_id("ada@example.com")
        .build()?;
    let output = client
        .batch_create_attendee()
        .meeting_id("$meeting_id")
        .attendees(attendee)
        .send()
        .await?;
    println!("created {} attendee(s)", output.attendees().len());
    Ok(())
}
RUST
)

shapegen_connect_main=$(cat <<RUST
//! Starts one chat contact with shapegen's generated Amazon Connect client.
mod connect {
    shapegen::generate! {
        spec: "$models/connect.json",
        operations: [StartChatContact],
    }
}

use connect::types::ParticipantDetails;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).ok_or("usage: shapegen-connect URL")?;
    let config = shapegen::Config::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKIDEXAMPLE", "secret", None))
        .build()?;
    let client = connect::Client::new(config);
    let participant = ParticipantDetails::builder().display_name("Ada").build()?;
    let output = client
        .start_chat_contact()
        .instance_id("$meeting_id")
        .contact_flow_id("$meeting_id")
        .participant_details(participant)
        .send()
        .await?;
    println!("contact {}", output.contact_id.unwrap_or_default());
    Ok(())
}
RUST
)

official_connect_main=$(cat <<RUST
//! Starts one chat contact with the official aws-sdk-connect client.
use aws_sdk_connect as sdk;
use sdk::config::{BehaviorVersion, Credentials, Region};
use sdk::types::ParticipantDetails;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).ok_or("usage: official-connect URL")?;
    let config = sdk::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url(url)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "example"))
        .build();
    let client = sdk::Client::from_conf(config);
    let participant = ParticipantDetails::builder().display_name("Ada").build()?;
    let output = client
        .start_chat_contact()
        .instance_id("$meeting_id")
        .contact_flow_id("$meeting_id")
        .participant_details(participant)
        .send()
        .await?;
    println!("contact {}", output.contact_id().unwrap_or_default());
    Ok(())
}
RUST
)

describe() {
    case $1 in
        shapegen-meetings) echo "shapegen, Chime SDK Meetings \`BatchCreateAttendee\`" ;;
        official-meetings) echo "aws-sdk-chimesdkmeetings $meetings_version, \`BatchCreateAttendee\`" ;;
        shapegen-connect) echo "shapegen, Connect \`StartChatContact\`" ;;
        official-connect) echo "aws-sdk-connect $connect_version, \`StartChatContact\`" ;;
    esac
}

create() {
    case $1 in
        shapegen-meetings) make_crate "$1" "$shapegen_dep" "$shapegen_meetings_main" ;;
        official-meetings) make_crate "$1" "aws-sdk-chimesdkmeetings = \"=$meetings_version\"" "$official_meetings_main" ;;
        shapegen-connect) make_crate "$1" "$shapegen_dep" "$shapegen_connect_main" ;;
        official-connect) make_crate "$1" "aws-sdk-connect = \"=$connect_version\"" "$official_connect_main" ;;
        *) echo "unknown program \`$1\`" >&2; exit 2 ;;
    esac
}

# cold_build NAME PROFILE: seconds and crates compiled, as "SECONDS CRATES".
cold_build() {
    local target="$work/target-$1-$2" flag="" log="$work/$1-$2.log"
    [ "$2" = release ] && flag="--release"
    rm -rf "$target"
    local start=$EPOCHREALTIME
    (cd "$work/$1" && CARGO_TARGET_DIR="$target" cargo build $flag 2> "$log") || {
        cat "$log" >&2
        exit 1
    }
    local end=$EPOCHREALTIME
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') $(grep -c '^ *Compiling ' "$log")"
}

# median SAMPLES...: the middle value (the mean of the two middle ones for an even count).
median() {
    [ $# -gt 0 ] || return 0
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

declare -A debug_samples release_samples crates size
for program in "${programs[@]}"; do
    create "$program"
    (cd "$work/$program" && cargo fetch -q)
done
for ((repetition = 1; repetition <= repetitions; repetition++)); do
    for program in "${programs[@]}"; do
        echo "building $program ($profiles), repetition $repetition of $repetitions" >&2
        if [[ " $profiles " == *" debug "* ]]; then
            read -r seconds_taken compiled <<< "$(cold_build "$program" debug)"
            debug_samples[$program]+="$seconds_taken "
            crates[$program]=$compiled
            rm -rf "$work/target-$program-debug"
        fi
        if [[ " $profiles " == *" release "* ]]; then
            read -r seconds_taken compiled <<< "$(cold_build "$program" release)"
            release_samples[$program]+="$seconds_taken "
            : "${crates[$program]:=$compiled}"
            cp "$work/target-$program-release/release/$program" "$work/$program.stripped"
            strip "$work/$program.stripped"
            size[$program]=$(stat -c %s "$work/$program.stripped")
            rm -rf "$work/target-$program-release"
        fi
    done
done
declare -A debug_s release_s
for program in "${programs[@]}"; do
    # shellcheck disable=SC2086 # the samples are space-separated numbers
    debug_s[$program]=$(median ${debug_samples[$program]:-})
    # shellcheck disable=SC2086
    release_s[$program]=$(median ${release_samples[$program]:-})
done

# Missing figures (a profile not built) print as a dash.
seconds() { if [ -n "$1" ]; then echo "$1 s"; else echo "–"; fi; }
mib() { if [ -n "$1" ]; then awk -v b="$1" 'BEGIN { printf "%.2f MiB", b / 1048576 }'; else echo "–"; fi; }
ratio() {
    if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else echo "–"; fi
}

echo "### Build cost of one operation ($(nproc) cores, $(rustc -V | cut -d' ' -f1-2), $(date -u +%Y-%m-%d))"
echo
if [ "$repetitions" -gt 1 ]; then
    echo "Medians of $repetitions cold builds per program and profile, interleaved. Samples (s):"
    echo
    for program in "${programs[@]}"; do
        echo "- $program: debug ${debug_samples[$program]:-–}/ release ${release_samples[$program]:-–}"
    done
    echo
fi
echo "| program | cold debug build | crates compiled | cold release build | stripped release binary |"
echo "|---|---:|---:|---:|---:|"
for program in "${programs[@]}"; do
    echo "| $(describe "$program") | $(seconds "${debug_s[$program]:-}") | ${crates[$program]} | $(seconds "${release_s[$program]:-}") | $(mib "${size[$program]:-}") |"
done
for service in meetings connect; do
    ours=shapegen-$service theirs=official-$service
    if [ -n "${crates[$ours]:-}" ] && [ -n "${crates[$theirs]:-}" ]; then
        echo "| **shapegen ÷ official, $service** | $(ratio "${debug_s[$ours]:-}" "${debug_s[$theirs]:-}") | $(ratio "${crates[$ours]}" "${crates[$theirs]}") | $(ratio "${release_s[$ours]:-}" "${release_s[$theirs]:-}") | $(ratio "${size[$ours]:-}" "${size[$theirs]:-}") |"
    fi
done

if [ "${SKIP_EXPANSION:-0}" != 1 ]; then
    echo
    echo "### Macro expansion (codegen alone), medians of ${EXPANSION_REPETITIONS:-9} runs"
    echo
    (cd "$bench" && cargo run -q --release -p shapegen-bench-expansion -- "${EXPANSION_REPETITIONS:-9}")
fi
