//! What the process-per-repetition benchmarks (`shapegen-bench-runtime`,
//! `shapegen-bench-dynamodb`) share: each repetition of each client runs in a fresh child
//! process of the same binary ([`process`]), which reports one [`measure::Measurement`]; the
//! endpoint is another child ([`server`]); reports carry the [`machine`]'s facts.

pub mod args;
pub mod machine;
pub mod measure;
pub mod process;
pub mod server;

/// [`machine::Machine::now`] with the calling crate's build facts (`BENCH_RUSTC_VERSION`,
/// `BENCH_OFFICIAL_SDK_VERSION`, set by its build script through `build_facts.rs`).
#[macro_export]
macro_rules! machine_now {
    () => {
        $crate::machine::Machine::now(
            env!("BENCH_RUSTC_VERSION"),
            env!("BENCH_OFFICIAL_SDK_VERSION"),
        )
    };
}
