//! The process's allocator (mimalloc) and the one setting the services
//! change in it: how soon freed memory goes back to the operating system.
//!
//! Why mimalloc: every extraction result owns a handful of short strings
//! and every request builds thousands of JSON values; the SMS engine
//! benchmark gains ~3% and the services allocate from per-thread heaps.
//! Declared in the library so the binary, the tests and the benchmarks all
//! measure the same allocator.
//!
//! Why the purge delay matters: mimalloc hands free memory back to the OS
//! (`MADV_DONTNEED`) in a sweep `purge_delay` ms after the first free that
//! follows the previous sweep, and the sweep takes every page free at that
//! moment. Under steady traffic that is once a second, and it catches the
//! megabyte-sized buffers of the request that just finished (a 1,000-SMS
//! `/api/extract` body, its ~750 KB answer, the MongoDB replies), which the
//! next request then faults back in page by page, each page zeroed by the
//! kernel. On the 2-core benchmark VM that was ~110 page faults per
//! insights request in `serve insights` and ~70 in `serve sms`, and
//! `clear_page_erms` alone was ~4.7% of `serve insights`' CPU. With purging
//! off, both services ran `scripts/load` with no page faults at all and the
//! extraction + features p99 fell from 36.0 to 29.6 ms (BENCHMARKS.md,
//! session 10). The cost is that the resident size stays at its high-water
//! mark, which a container's memory limit has to allow for anyway.

/// The global allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t` (`mimalloc.h`);
/// the Rust bindings do not name it. `tests/allocator.rs` checks that this
/// index is the purge delay by its effect on page faults.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The environment variable through which mimalloc itself reads the purge
/// delay; when it is set, it wins over our configuration.
pub const PURGE_DELAY_ENV: &str = "MIMALLOC_PURGE_DELAY";

/// Sets how many milliseconds freed memory is kept before it is returned to
/// the OS: `-1` never, `0` at once. Takes effect for every later free.
pub fn set_purge_delay_ms(ms: i64) {
    let value = std::os::raw::c_long::try_from(ms.max(-1)).unwrap_or(std::os::raw::c_long::MAX);
    // SAFETY: mi_option_set only stores the value in mimalloc's option table
    // (an index it range-checks); it is safe to call at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, value) }
}

/// The purge delay mimalloc is using, in milliseconds.
#[allow(clippy::useless_conversion)] // `c_long` is i64 here, i32 on 32-bit targets
pub fn purge_delay_ms() -> i64 {
    // SAFETY: reads mimalloc's option table (initialising the option from
    // the environment on first use); safe at any time, from any thread.
    i64::from(unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) })
}

/// Applies the configured delay unless the operator set mimalloc's own
/// variable, and returns the delay in effect and where it came from.
pub fn apply_purge_delay(configured_ms: i64) -> (i64, &'static str) {
    if std::env::var_os(PURGE_DELAY_ENV).is_some() {
        (purge_delay_ms(), PURGE_DELAY_ENV)
    } else {
        set_purge_delay_ms(configured_ms);
        (purge_delay_ms(), "server.memory_purge_delay_ms")
    }
}
