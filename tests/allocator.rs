//! The allocator setting of `src/allocator.rs`, checked by its effect: with
//! purging off, a freed buffer is reused without page faults; with purging
//! at once, the same buffer comes back as fresh pages the kernel faults in.
//! This also proves that the option index we set is mimalloc's purge delay
//! (the Rust bindings do not name it). A test binary of its own, so no
//! other test's allocations land in the freed memory between the steps.

use mobileforge::allocator::{purge_delay_ms, set_purge_delay_ms, PURGE_DELAY_ENV};

/// Minor page faults of the calling thread so far (`/proc/thread-self/stat`, field 10).
fn minor_faults() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("reading /proc/thread-self/stat");
    // fields after the command name, which is in parentheses and may hold spaces
    let rest = &stat[stat.rfind(')').expect("stat has a command name") + 1..];
    rest.split_whitespace().nth(7).and_then(|f| f.parse().ok()).expect("minflt field")
}

/// Page faults taken while allocating and filling a `size`-byte buffer
/// right after an equal one was filled and freed.
fn faults_on_reuse(size: usize) -> u64 {
    drop(std::hint::black_box(vec![1u8; size]));
    let before = minor_faults();
    drop(std::hint::black_box(vec![2u8; size]));
    minor_faults() - before
}

#[test]
fn the_purge_delay_decides_whether_freed_memory_is_faulted_back_in() {
    if std::env::var_os(PURGE_DELAY_ENV).is_none() {
        assert_eq!(purge_delay_ms(), 1000, "mimalloc v3's default purge delay");
    }
    const SIZE: usize = 64 << 20;

    set_purge_delay_ms(-1);
    assert_eq!(purge_delay_ms(), -1);
    faults_on_reuse(SIZE);
    let kept = faults_on_reuse(SIZE);

    set_purge_delay_ms(0);
    assert_eq!(purge_delay_ms(), 0);
    let purged = faults_on_reuse(SIZE);

    set_purge_delay_ms(1000);
    // 64 MiB is 16,384 pages of 4 KiB (32 if the kernel backs them with 2 MiB pages).
    assert!(kept <= 8, "kept memory was faulted in again: {kept} faults");
    assert!(purged >= 16, "purged memory came back without faults: {purged} faults");
    eprintln!("faults on reuse of 64 MiB: {kept} with purging off, {purged} with purging at once");
}
