//! Release builds for x86-64 Linux lay out first the functions that ccforge's commands execute,
//! in the order `build/hot-functions.txt` gives (written by `bench/hot_functions.sh`).
//!
//! The code of a run is otherwise spread over most of the binary's 9 MB, and the system maps
//! code 64 KB at a time around each page a run touches: a conversion had 7.6 MB of code
//! resident, counted in its peak memory. Laid out together, it maps 3.1 MB.
//!
//! The linker takes the list only when it is rustc's own LLD, which is the default for this
//! target since Rust 1.90; a build with another linker, target or profile links as usual.
//! Names missing from the list (after a compiler or dependency upgrade) are skipped.

use std::env;
use std::path::Path;
use std::process::Command;

const ORDER: &str = "build/hot-functions.txt";

fn main() {
    println!("cargo:rerun-if-changed={ORDER}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let dir = env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let order = Path::new(&dir).join(ORDER);
    if env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu")
        && env::var("PROFILE").as_deref() == Ok("release")
        && env::var_os("RUSTC_LINKER").is_none()
        && !linker_given_in_flags()
        && lld_is_default()
        && order.is_file()
    {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// Whether RUSTFLAGS choose a linker or its features, which may not be LLD.
fn linker_given_in_flags() -> bool {
    env::var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|f| {
        ["linker", "link-self-contained", "fuse-ld"]
            .iter()
            .any(|k| f.contains(k))
    })
}

/// Whether this rustc links x86-64 Linux with its own LLD by default: 1.90 and later, when its
/// sysroot holds that LLD (a distribution's rustc may link with the system's linker instead).
fn lld_is_default() -> bool {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let ask = |arg: &str| {
        Command::new(&rustc)
            .arg(arg)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let (Some(version), Some(sysroot)) = (ask("--version"), ask("--print=sysroot")) else {
        return false;
    };
    let own_lld = Path::new(&sysroot)
        .join("lib/rustlib/x86_64-unknown-linux-gnu/bin/gcc-ld/ld.lld")
        .is_file();
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let mut numbers = version
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .split('.')
        .map(|n| n.parse::<u32>().unwrap_or(0));
    let (major, minor) = (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0));
    own_lld && (major, minor) >= (1, 90)
}
