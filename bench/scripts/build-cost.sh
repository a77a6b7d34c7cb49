#!/usr/bin/env bash
# What one operation costs to build: the same small program (build a client, send one request
# to the URL given as its argument) written with shapegen and with the official AWS SDK crate,
# for BatchCreateAttendee of Chime SDK Meetings and StartChatContact of Connect (a big service),
# and on request GetItem of DynamoDB (awsJson1_0), against the official crate with its default
# features and with the minimal set (no default features: tokio, and a rustls/ring HTTPS client).
#
# Per program: cold debug and cold release `cargo build` wall time (a fresh CARGO_TARGET_DIR
# each; the registry cache is shared and filled first, so downloads are not timed), the number
# of crates compiled (`Compiling` lines), and the size of the stripped release binary. Then
# the expansion benchmark (the macro's codegen alone, every model in full and filtered).
#
#   bench/scripts/build-cost.sh [PROGRAM...]
#
# PROGRAM: shapegen-meetings official-meetings shapegen-connect official-connect (the default),
# shapegen-dynamodb official-dynamodb official-dynamodb-minimal (only when named).
# Environment: SHAPEGEN_BENCH_DIR (work dir, default /tmp/shapegen-build-cost),
# OFFICIAL_CONNECT_VERSION (default below), BUILD_PROFILES (default "debug release"; "debug"
# alone is a quicker check, without binary sizes), REPETITIONS (cold builds of each program
# and profile, interleaved program by program; the tables give medians, default 1),
# SKIP_EXPANSION=1, EXPANSION_REPETITIONS (default 9).
# Needs ../shared (the real models) beside the checkout. Prints Markdown tables and writes the
# figures as JSON to bench/results/build-cost-<UTC time>.json (RESULTS_DIR elsewhere).
set -euo pipefail
bench=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$bench/.." && pwd)
models=$(cd "$root/../shared/models/smithy" && pwd)
aws_models=$(cd "$root/../shared/models/aws" && pwd)
work=${SHAPEGEN_BENCH_DIR:-/tmp/shapegen-build-cost}
# The official crates: Chime SDK Meetings as pinned in bench/Cargo.lock (the runtime benchmark
# uses it), Connect from the same SDK release.
meetings_version=$(awk '/^name = "aws-sdk-chimesdkmeetings"$/ { getline; gsub(/version = |"/, ""); print }' "$bench/Cargo.lock")
connect_version=${OFFICIAL_CONNECT_VERSION:-1.220.0}
# DynamoDB as pinned in bench/Cargo.lock (the dynamodb benchmark uses it), and the SDK's HTTP
# client crate for its minimal build.
locked_version() { awk -v name="name = \"$1\"" '$0 == name { getline; gsub(/version = |"/, ""); print }' "$bench/Cargo.lock"; }
dynamodb_version=$(locked_version aws-sdk-dynamodb)
http_client_version=$(locked_version aws-smithy-http-client)
results_dir=${RESULTS_DIR:-$bench/results}
profiles=${BUILD_PROFILES:-debug release}
repetitions=${REPETITIONS:-1}
meeting_id=8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b
programs=("$@")
[ ${#programs[@]} -eq 0 ] && programs=(shapegen-meetings official-meetings shapegen-connect official-connect)
mkdir -p "$work"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

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

shapegen_dynamodb_main=$(cat <<RUST
//! Reads one item with shapegen's generated DynamoDB client (awsJson1_0).
mod dynamodb {
    shapegen::generate! {
        spec: "$aws_models/dynamodb.json",
        operations: [GetItem],
    }
}

use dynamodb::types::AttributeValue;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).ok_or("usage: shapegen-dynamodb URL")?;
    let config = shapegen::Config::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKIDEXAMPLE", "secret", None))
        .build()?;
    let client = dynamodb::Client::new(config);
    let output = client
        .get_item()
        .table_name("bench-orders")
        .key("pk", AttributeValue::S("customer-0001".to_owned()))
        .key("sk", AttributeValue::N("1".to_owned()))
        .send()
        .await?;
    println!("{} attribute(s)", output.item.map_or(0, |item| item.len()));
    Ok(())
}
RUST
)

# The official program, with the SDK's default HTTP client (default features) or with the
# rustls/ring one built explicitly (the minimal build without default features).
official_dynamodb_main() {
    local http_client="" use_client=""
    if [ "$1" = minimal ]; then
        http_client="use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};"
        use_client=".http_client(aws_smithy_http_client::Builder::new().tls_provider(Provider::Rustls(CryptoMode::Ring)).build_https())"
    fi
    cat <<RUST
//! Reads one item with the official aws-sdk-dynamodb client.
use aws_sdk_dynamodb as sdk;
use sdk::config::{BehaviorVersion, Credentials, Region};
use sdk::types::AttributeValue;
$http_client

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).ok_or("usage: official-dynamodb URL")?;
    let config = sdk::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url(url)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "example"))
        $use_client
        .build();
    let client = sdk::Client::from_conf(config);
    let output = client
        .get_item()
        .table_name("bench-orders")
        .key("pk", AttributeValue::S("customer-0001".to_owned()))
        .key("sk", AttributeValue::N("1".to_owned()))
        .send()
        .await?;
    println!("{} attribute(s)", output.item().map_or(0, |item| item.len()));
    Ok(())
}
RUST
}

describe() {
    case $1 in
        shapegen-meetings) echo "shapegen, Chime SDK Meetings \`BatchCreateAttendee\`" ;;
        official-meetings) echo "aws-sdk-chimesdkmeetings $meetings_version, \`BatchCreateAttendee\`" ;;
        shapegen-connect) echo "shapegen, Connect \`StartChatContact\`" ;;
        official-connect) echo "aws-sdk-connect $connect_version, \`StartChatContact\`" ;;
        shapegen-dynamodb) echo "shapegen, DynamoDB \`GetItem\`" ;;
        official-dynamodb) echo "aws-sdk-dynamodb $dynamodb_version (default features), \`GetItem\`" ;;
        official-dynamodb-minimal) echo "aws-sdk-dynamodb $dynamodb_version (no default features; rt-tokio, rustls/ring client), \`GetItem\`" ;;
    esac
}

create() {
    case $1 in
        shapegen-meetings) make_crate "$1" "$shapegen_dep" "$shapegen_meetings_main" ;;
        official-meetings) make_crate "$1" "aws-sdk-chimesdkmeetings = \"=$meetings_version\"" "$official_meetings_main" ;;
        shapegen-connect) make_crate "$1" "$shapegen_dep" "$shapegen_connect_main" ;;
        official-connect) make_crate "$1" "aws-sdk-connect = \"=$connect_version\"" "$official_connect_main" ;;
        shapegen-dynamodb) make_crate "$1" "$shapegen_dep" "$shapegen_dynamodb_main" ;;
        official-dynamodb) make_crate "$1" "aws-sdk-dynamodb = \"=$dynamodb_version\"" "$(official_dynamodb_main default)" ;;
        official-dynamodb-minimal)
            make_crate "$1" "aws-sdk-dynamodb = { version = \"=$dynamodb_version\", default-features = false, features = [\"rt-tokio\"] }
aws-smithy-http-client = { version = \"=$http_client_version\", default-features = false, features = [\"rustls-ring\"] }" "$(official_dynamodb_main minimal)" ;;
        *) echo "unknown program \`$1\`" >&2; exit 2 ;;
    esac
}

# cold_build NAME PROFILE: wall seconds, crates compiled and CPU seconds (user + system of
# cargo and everything it ran: rustc, build scripts, C compilers), as "SECONDS CRATES CPU".
# CPU time moves much less than wall time when other work shares the cores.
cold_build() {
    local target="$work/target-$1-$2" flag="" log="$work/$1-$2.log" cpu="$work/$1-$2.cpu"
    [ "$2" = release ] && flag="--release"
    rm -rf "$target"
    local start=$EPOCHREALTIME
    # `times` in the subshell: its second line is the waited-for children's user and system time.
    (cd "$work/$1" && CARGO_TARGET_DIR="$target" cargo build $flag 2> "$log" && times > "$cpu") || {
        cat "$log" >&2
        exit 1
    }
    local end=$EPOCHREALTIME
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') $(grep -c '^ *Compiling ' "$log") $(awk 'NR == 2 {
        for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); total += t[1] * 60 + t[2] }
        printf "%.1f", total
    }' "$cpu")"
}

# median SAMPLES...: the middle value (the mean of the two middle ones for an even count).
median() {
    [ $# -gt 0 ] || return 0
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

declare -A debug_samples release_samples debug_cpu_samples release_cpu_samples crates size
for program in "${programs[@]}"; do
    create "$program"
    (cd "$work/$program" && cargo fetch -q)
done
for ((repetition = 1; repetition <= repetitions; repetition++)); do
    for program in "${programs[@]}"; do
        echo "building $program ($profiles), repetition $repetition of $repetitions" >&2
        if [[ " $profiles " == *" debug "* ]]; then
            read -r seconds_taken compiled cpu_taken <<< "$(cold_build "$program" debug)"
            debug_samples[$program]+="$seconds_taken "
            debug_cpu_samples[$program]+="$cpu_taken "
            crates[$program]=$compiled
            rm -rf "$work/target-$program-debug"
        fi
        if [[ " $profiles " == *" release "* ]]; then
            read -r seconds_taken compiled cpu_taken <<< "$(cold_build "$program" release)"
            release_samples[$program]+="$seconds_taken "
            release_cpu_samples[$program]+="$cpu_taken "
            : "${crates[$program]:=$compiled}"
            cp "$work/target-$program-release/release/$program" "$work/$program.stripped"
            strip "$work/$program.stripped"
            size[$program]=$(stat -c %s "$work/$program.stripped")
            rm -rf "$work/target-$program-release"
        fi
    done
done
declare -A debug_s release_s debug_cpu release_cpu
for program in "${programs[@]}"; do
    # shellcheck disable=SC2086 # the samples are space-separated numbers
    debug_s[$program]=$(median ${debug_samples[$program]:-})
    # shellcheck disable=SC2086
    release_s[$program]=$(median ${release_samples[$program]:-})
    # shellcheck disable=SC2086
    debug_cpu[$program]=$(median ${debug_cpu_samples[$program]:-})
    # shellcheck disable=SC2086
    release_cpu[$program]=$(median ${release_cpu_samples[$program]:-})
done

# Missing figures (a profile not built) print as a dash.
samples() { local list="${1% }"; echo "${list:-–}"; }
seconds() { if [ -n "$1" ]; then echo "$1 s"; else echo "–"; fi; }
mib() { if [ -n "$1" ]; then awk -v b="$1" 'BEGIN { printf "%.2f MiB", b / 1048576 }'; else echo "–"; fi; }
ratio() {
    if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else echo "–"; fi
}

echo "### Build cost of one operation ($(nproc) cores, $(rustc -V | cut -d' ' -f1-2), $(date -u +%Y-%m-%d))"
echo
echo "Load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after."
echo
if [ "$repetitions" -gt 1 ]; then
    echo "Medians of $repetitions cold builds per program and profile, interleaved. Samples (s):"
    echo
    for program in "${programs[@]}"; do
        echo "- $program: debug $(samples "${debug_samples[$program]:-}") (CPU $(samples "${debug_cpu_samples[$program]:-}")) / release $(samples "${release_samples[$program]:-}") (CPU $(samples "${release_cpu_samples[$program]:-}"))"
    done
    echo
fi
echo "| program | cold debug build | its CPU (user + sys) | crates compiled | cold release build | its CPU | stripped release binary |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for program in "${programs[@]}"; do
    echo "| $(describe "$program") | $(seconds "${debug_s[$program]:-}") | $(seconds "${debug_cpu[$program]:-}") | ${crates[$program]} | $(seconds "${release_s[$program]:-}") | $(seconds "${release_cpu[$program]:-}") | $(mib "${size[$program]:-}") |"
done
# Each comparison as "LABEL OURS THEIRS".
comparisons=(
    "meetings shapegen-meetings official-meetings"
    "connect shapegen-connect official-connect"
    "dynamodb shapegen-dynamodb official-dynamodb"
    "dynamodb-minimal shapegen-dynamodb official-dynamodb-minimal"
)
for comparison in "${comparisons[@]}"; do
    read -r label ours theirs <<< "$comparison"
    if [ -n "${crates[$ours]:-}" ] && [ -n "${crates[$theirs]:-}" ]; then
        echo "| **shapegen ÷ official, $label** | $(ratio "${debug_s[$ours]:-}" "${debug_s[$theirs]:-}") | $(ratio "${debug_cpu[$ours]:-}" "${debug_cpu[$theirs]:-}") | $(ratio "${crates[$ours]}" "${crates[$theirs]}") | $(ratio "${release_s[$ours]:-}" "${release_s[$theirs]:-}") | $(ratio "${release_cpu[$ours]:-}" "${release_cpu[$theirs]:-}") | $(ratio "${size[$ours]:-}" "${size[$theirs]:-}") |"
    fi
done

# The same figures as JSON. json_list SAMPLES...: a JSON array of numbers.
json_list() { local IFS=,; echo "[$*]"; }
json_or_null() { if [ -n "$1" ]; then echo "$1"; else echo null; fi; }
mkdir -p "$results_dir"
json="$results_dir/build-cost-$(date -u +%Y%m%dT%H%M%SZ).json"
{
    echo "{"
    echo "  \"machine\": {\"nproc\": $(nproc), \"rustc\": \"$(rustc -V)\", \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"load_before\": \"$load_before\", \"load_after\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"},"
    echo "  \"options\": {\"profiles\": \"$profiles\", \"repetitions\": $repetitions},"
    echo "  \"programs\": ["
    separator=""
    for program in "${programs[@]}"; do
        # shellcheck disable=SC2086 # the samples are space-separated numbers
        printf '%s    {"program": "%s", "description": "%s", "crates_compiled": %s, "debug_s": %s, "debug_samples_s": %s, "debug_cpu_s": %s, "debug_cpu_samples_s": %s, "release_s": %s, "release_samples_s": %s, "release_cpu_s": %s, "release_cpu_samples_s": %s, "stripped_release_bytes": %s}' \
            "$separator" "$program" "$(describe "$program" | tr -d '`')" "$(json_or_null "${crates[$program]:-}")" \
            "$(json_or_null "${debug_s[$program]:-}")" "$(json_list ${debug_samples[$program]:-})" \
            "$(json_or_null "${debug_cpu[$program]:-}")" "$(json_list ${debug_cpu_samples[$program]:-})" \
            "$(json_or_null "${release_s[$program]:-}")" "$(json_list ${release_samples[$program]:-})" \
            "$(json_or_null "${release_cpu[$program]:-}")" "$(json_list ${release_cpu_samples[$program]:-})" \
            "$(json_or_null "${size[$program]:-}")"
        separator=$',\n'
    done
    printf '\n  ]\n}\n'
} > "$json"
echo
echo "Figures as JSON: $json"

if [ "${SKIP_EXPANSION:-0}" != 1 ]; then
    echo
    echo "### Macro expansion (codegen alone), medians of ${EXPANSION_REPETITIONS:-9} runs"
    echo
    (cd "$bench" && cargo run -q --release -p shapegen-bench-expansion -- "${EXPANSION_REPETITIONS:-9}")
fi
