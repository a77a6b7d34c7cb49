//! The moto harness itself: servers of their own (not the shared one), stopped by drop, by
//! closing their input, and by the death of the process that started them.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use shapegen_emulator_tests::{Installation, MotoServer, moto_required};

/// The installation, or `None` after a notice (a failure with `SHAPEGEN_REQUIRE_MOTO=1`).
fn installation() -> Option<Installation> {
    match Installation::find() {
        Ok(installation) => Some(installation),
        Err(not_installed) => {
            assert!(
                !moto_required(),
                "SHAPEGEN_REQUIRE_MOTO=1 but {not_installed}"
            );
            eprintln!("notice: skipping a test that needs moto: {not_installed}");
            None
        }
    }
}

/// Whether a process with this id still runs (an exited, unreaped one does not count).
#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the parenthesised command name: `Z` (zombie) and `X` (dead).
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z') && !rest.starts_with('X')),
        Err(_) => false,
    }
}

#[cfg(target_os = "linux")]
fn wait_until_gone(pid: u32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while running(pid) {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

#[test]
fn a_dropped_server_is_stopped_and_its_port_closed() {
    let Some(installation) = installation() else {
        return;
    };
    let server = MotoServer::start(&installation).unwrap();
    let address = server.address();
    assert!(address.ip().is_loopback(), "{address}");
    assert!(TcpStream::connect(address).is_ok());
    #[cfg(target_os = "linux")]
    let pid = server.pid();
    #[cfg(target_os = "linux")]
    assert!(running(pid));
    drop(server);
    #[cfg(target_os = "linux")]
    assert!(!running(pid), "moto (pid {pid}) still runs after drop");
    assert!(
        TcpStream::connect(address).is_err(),
        "{address} still accepts"
    );
}

#[test]
fn a_server_exits_by_itself_when_its_input_closes() {
    let Some(installation) = installation() else {
        return;
    };
    let server = MotoServer::start(&installation).unwrap();
    // What happens to the pipe when the test process ends, however it ends.
    let status = server.shutdown(Duration::from_secs(20));
    assert!(
        status.is_some_and(|s| s.success()),
        "the launcher did not exit by itself: {status:?}"
    );
}

#[test]
fn two_servers_run_side_by_side_on_their_own_ports() {
    let Some(installation) = installation() else {
        return;
    };
    let first = MotoServer::start(&installation).unwrap();
    let second = MotoServer::start(&installation).unwrap();
    assert_ne!(first.address(), second.address());
    assert_ne!(first.pid(), second.pid());
}

/// Run only as a child of the test below: starts a server, prints its pid, and aborts (no
/// destructor runs, as after a crash or a kill).
#[test]
#[ignore = "a helper: run by `a_server_does_not_outlive_an_aborted_test_process`"]
fn helper_start_a_server_and_abort() {
    if std::env::var_os("SHAPEGEN_EMULATOR_ABORT_HELPER").is_none() {
        return;
    }
    let Ok(installation) = Installation::find() else {
        std::process::exit(3);
    };
    let server = MotoServer::start(&installation).unwrap();
    println!("moto pid {}", server.pid());
    std::process::abort();
}

#[cfg(target_os = "linux")]
#[test]
fn a_server_does_not_outlive_an_aborted_test_process() {
    if installation().is_none() {
        return;
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "helper_start_a_server_and_abort",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SHAPEGEN_EMULATOR_ABORT_HELPER", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let pid: u32 = stdout
        .lines()
        .map_while(Result::ok)
        // The harness prints `test helper_… ... ` before the helper's own output.
        .find_map(|line| {
            let (_, pid) = line.split_once("moto pid ")?;
            pid.trim().parse().ok()
        })
        .expect("the helper announces its server's pid");
    let status = child.wait().unwrap();
    assert!(!status.success(), "the helper aborts: {status}");
    assert!(
        wait_until_gone(pid, Duration::from_secs(20)),
        "moto (pid {pid}) outlived the aborted test process"
    );
}
