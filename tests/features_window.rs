//! The shared aggregation machinery: bands and window boundaries, and the
//! single-pass accumulators checked against brute force.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use mobileforge::features::window::{
    band, day_key, days_between, is_night_ist, is_weekend_ist, median_in_place, Amounts, Distinct, DistinctDays, Latest, ALL, NW,
    WINDOWS,
};

fn req() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 6, 4).unwrap().and_hms_opt(12, 0, 0).unwrap()
}

#[test]
fn bands_and_boundaries() {
    assert_eq!(band(req(), Some(req())), Some(0));
    assert_eq!(band(req(), Some(req() - Duration::days(7))), Some(0));
    assert_eq!(band(req(), Some(req() - Duration::days(7) - Duration::milliseconds(1))), Some(1));
    assert_eq!(band(req(), Some(req() - Duration::days(365))), Some(6));
    assert_eq!(band(req(), Some(req() - Duration::days(366))), Some(ALL));
    assert_eq!(band(req(), None), Some(ALL));
    assert_eq!(band(req(), Some(req() + Duration::milliseconds(1))), None);
    assert_eq!(WINDOWS[ALL].suffix, "all");
    assert_eq!(days_between(req(), req() - Duration::hours(47)), 1);
    assert_eq!(days_between(req(), req() - Duration::hours(48)), 2);
}

#[test]
fn india_time_of_day() {
    let utc = |h, m| NaiveDate::from_ymd_opt(2025, 6, 4).unwrap().and_hms_opt(h, m, 0).unwrap(); // a Wednesday
    assert!(!is_night_ist(utc(16, 29))); // 21:59 IST
    assert!(is_night_ist(utc(16, 30))); // 22:00 IST
    assert!(is_night_ist(utc(0, 29))); // 05:59 IST
    assert!(!is_night_ist(utc(0, 30))); // 06:00 IST
    assert!(!is_weekend_ist(utc(12, 0)));
    let sat = NaiveDate::from_ymd_opt(2025, 6, 7).unwrap().and_hms_opt(10, 0, 0).unwrap();
    assert!(is_weekend_ist(sat));
    // Friday 20:00 UTC is Saturday 01:30 IST.
    let fri = NaiveDate::from_ymd_opt(2025, 6, 6).unwrap().and_hms_opt(20, 0, 0).unwrap();
    assert!(is_weekend_ist(fri));
}

/// Deterministic pseudo-random numbers.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn accumulators_match_brute_force() {
    let mut r = Rng(42);
    for round in 0..50 {
        let n = (r.next() % 60) as usize;
        let events: Vec<(usize, Option<f64>, u64)> = (0..n)
            .map(|_| {
                let b = (r.next() % NW as u64) as usize;
                let amt = (!r.next().is_multiple_of(4)).then(|| (r.next() % 1000) as f64 / 4.0);
                (b, amt, r.next() % 7)
            })
            .collect();
        let mut a = Amounts::new(true);
        let mut d: Distinct<u64> = Distinct::default();
        for &(b, amt, key) in &events {
            a.add(b, amt);
            d.add(b, key);
        }
        let got = a.windows();
        let distinct = d.windows();
        for w in 0..NW {
            let inw: Vec<_> = events.iter().filter(|e| e.0 <= w).collect();
            let mut amts: Vec<f64> = inw.iter().filter_map(|e| e.1).collect();
            assert_eq!(got[w].count, inw.len() as u64, "round {round} w {w}");
            assert_eq!(got[w].n, amts.len() as u64);
            assert!((got[w].sum - amts.iter().sum::<f64>()).abs() < 1e-9);
            assert_eq!(got[w].max, amts.iter().copied().reduce(f64::max));
            assert_eq!(got[w].min, amts.iter().copied().reduce(f64::min));
            assert_eq!(got[w].median, median_in_place(&mut amts), "median round {round} w {w}");
            let mut keys: Vec<u64> = inw.iter().map(|e| e.2).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(distinct[w], keys.len() as u64);
        }
    }
}

#[test]
fn medians_even_odd_and_empty() {
    assert_eq!(median_in_place(&mut []), None);
    assert_eq!(median_in_place(&mut [3.0]), Some(3.0));
    assert_eq!(median_in_place(&mut [4.0, 1.0]), Some(2.5));
    assert_eq!(median_in_place(&mut [5.0, 1.0, 3.0]), Some(3.0));
    let mut a = Amounts::new(true);
    a.add(0, Some(10.0));
    a.add(2, Some(30.0));
    a.add(2, None);
    a.add(5, Some(20.0));
    let w = a.windows();
    assert_eq!(w[0].median, Some(10.0));
    assert_eq!(w[1].median, Some(10.0));
    assert_eq!(w[2].median, Some(20.0));
    assert_eq!(w[2].count, 3);
    assert_eq!(w[2].mean(), Some(20.0));
    assert_eq!(w[ALL].median, Some(20.0));
}

#[test]
fn distinct_days_recent_and_old() {
    let mut d = DistinctDays::new(req());
    let t = |days: i64, hours: i64| req() - Duration::days(days) - Duration::hours(hours);
    for (days, hours) in [(0, 0), (0, 5), (1, 0), (10, 0), (500, 0), (500, 1), (800, 0)] {
        let x = t(days, hours);
        d.add(band(req(), Some(x)).unwrap(), day_key(x));
    }
    let w = d.windows();
    // 4 Jun (twice), 3 Jun, 25 May, and two old days (one counted once).
    assert_eq!(w[0], 2);
    assert_eq!(w[1], 3);
    assert_eq!(w[6], 3);
    assert_eq!(w[ALL], 5);
}

#[test]
fn latest_takes_newest_per_window() {
    let mut l = Latest::default();
    let t = |days: i64| req() - Duration::days(days);
    l.add(1, t(10), 5.0);
    l.add(1, t(9), 6.0);
    l.add(4, t(80), 7.0);
    let w = l.windows();
    assert_eq!(w[0], None);
    assert_eq!(w[1], Some(6.0));
    assert_eq!(w[ALL], Some(6.0));
}
