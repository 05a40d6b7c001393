//! Grouping `fraud`: device integrity and hardware, installed apps (loan,
//! gambling, remote-access … categories), call logs, contacts, sync
//! permissions, and device identifiers shared with other users.
//!
//! Sync batches overlap, so records are de-duplicated first: apps by
//! package name (keeping the latest install), call logs by (number, time,
//! type), contacts by number. Windowed features use the install / call /
//! last-contacted time counted back from the request time.


use chrono::NaiveDateTime;
use serde_json::Value;

use super::emit::{feat, flag, frac, int, num, opt_int, Out};
use super::input::{epoch_ms_to_datetime, AppRecord, CallLogRecord, ContactRecord, DeviceRecord, UserData};
use super::lists::app_lists;
use super::window::{
    band, day_key, is_night_ist, ratio, text, Counts, Distinct, DistinctDays, FxHashMap as HashMap, FxHashSet as HashSet, Span, Sums, NW,
    WINDOWS,
};

/// Below this much RAM (MB) a device counts as low-end.
const LOW_RAM_MB: f64 = 3072.0;

fn ms_time(ms: Option<i64>) -> Option<NaiveDateTime> {
    ms.filter(|m| *m > 0).and_then(epoch_ms_to_datetime)
}


// ---------------------------------------------------------------------------
// Device

fn contains_any(hay: &str, needles: &[&str]) -> bool {
    let h = hay.to_ascii_lowercase();
    needles.iter().any(|n| h.contains(n))
}

const EMULATOR_HINTS: &[&str] = &[
    "sdk_gphone", "google_sdk", "emulator", "generic", "genymotion", "vbox", "goldfish", "ranchu", "bluestacks", "nox", "ldplayer",
    "memu", "android sdk built for",
];

/// A zeroed advertising id means "limit ad tracking" (or a tampered id).
fn is_zero_id(s: &str) -> bool {
    s.bytes().all(|b| b == b'0' || b == b'-')
}

fn os_major(v: &str) -> Option<i64> {
    let t = v.trim().trim_start_matches(|c: char| !c.is_ascii_digit());
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

fn emit_device(d: Option<&DeviceRecord>, o: &mut Out) {
    let has = d.is_some();
    let f = |g: fn(&DeviceRecord) -> Option<f64>| d.and_then(g);
    feat!(o, Value::Bool(has), ["device_data_present"], ["Whether device data was synced"]);
    feat!(o, flag(d.and_then(|d| d.is_rooted)), ["device_is_rooted"], ["Device reported as rooted (null when unknown)"]);
    feat!(o, flag(d.and_then(|d| d.is_emulator)), ["device_is_emulator"], ["Device reported as an emulator (null when unknown)"]);
    let hint = d.map(|d| {
        [&d.brand, &d.model, &d.manufacturer].iter().any(|s| text(s).is_some_and(|s| contains_any(s, EMULATOR_HINTS)))
    });
    feat!(
        o,
        flag(hint),
        ["device_emulator_hint"],
        ["Brand, model or manufacturer looks like an emulator or virtual device (null without device data)"]
    );
    feat!(o, num(f(|d| d.total_ram_mb)), ["device_total_ram_mb"], ["Total RAM in MB"]);
    feat!(
        o,
        flag(f(|d| d.total_ram_mb).map(|r| r < LOW_RAM_MB)),
        ["device_low_ram"],
        ["Total RAM below 3 GB (null when unknown)"]
    );
    feat!(o, num(f(|d| d.total_storage_mb)), ["device_total_storage_mb"], ["Total storage in MB"]);
    feat!(o, num(f(|d| d.free_storage_mb)), ["device_free_storage_mb"], ["Free storage in MB"]);
    let free_ratio = d.and_then(|d| match (d.free_storage_mb, d.total_storage_mb) {
        (Some(fr), Some(t)) if t > 0.0 => Some(fr / t),
        _ => None,
    });
    feat!(o, frac(free_ratio), ["device_free_storage_ratio"], ["Free storage / total storage (null when unknown)"]);
    feat!(o, opt_int(d.and_then(|d| d.sdk_int)), ["device_sdk_int"], ["Android SDK level"]);
    feat!(
        o,
        opt_int(d.and_then(|d| d.os_version.as_deref()).and_then(os_major)),
        ["device_os_major_version"],
        ["Major OS version number (leading number of os_version)"]
    );
    feat!(o, num(f(|d| d.battery_pct)), ["device_battery_pct"], ["Battery level in percent at sync"]);
    let net = d.map(|d| text(&d.network_type).map(str::to_ascii_lowercase));
    feat!(
        o,
        flag(net.as_ref().map(|n| n.as_deref().is_some_and(|n| n.contains("wifi") || n.contains("wi-fi")))),
        ["device_network_wifi"],
        ["On Wi-Fi at sync (null without device data)"]
    );
    feat!(
        o,
        flag(net.as_ref().map(|n| {
            n.as_deref().is_some_and(|n| {
                ["mobile", "cellular", "2g", "3g", "4g", "5g", "lte", "edge", "hspa", "umts", "gprs"].iter().any(|k| n.contains(k))
            })
        })),
        ["device_network_cellular"],
        ["On a mobile network at sync (null without device data)"]
    );
    feat!(
        o,
        flag(d.map(|d| text(&d.carrier).is_some())),
        ["device_has_carrier"],
        ["A SIM carrier was reported (null without device data)"]
    );
    feat!(
        o,
        flag(d.map(|d| text(&d.android_id).is_some())),
        ["device_has_android_id"],
        ["An Android id was reported (null without device data)"]
    );
    feat!(
        o,
        flag(d.map(|d| text(&d.google_adv_id).is_some_and(|s| !is_zero_id(s)))),
        ["device_has_google_adv_id"],
        ["A non-zero Google advertising id was reported (null without device data)"]
    );
    feat!(
        o,
        flag(d.map(|d| text(&d.google_adv_id).is_some_and(is_zero_id))),
        ["device_google_adv_id_zeroed"],
        ["The advertising id is all zeros (ad tracking limited or id tampered; null without device data)"]
    );
    feat!(
        o,
        flag(d.map(|d| {
            text(&d.brand).is_some_and(|b| b.eq_ignore_ascii_case("apple"))
                || text(&d.os_version).is_some_and(|v| v.to_ascii_lowercase().starts_with("ios"))
        })),
        ["device_is_ios"],
        ["Device is an iPhone / iOS (null without device data)"]
    );
}

// ---------------------------------------------------------------------------
// Apps

fn dedup_apps(apps: &[AppRecord]) -> Vec<&AppRecord> {
    let mut by_pkg: HashMap<&str, usize> = HashMap::default();
    let mut out: Vec<&AppRecord> = Vec::with_capacity(apps.len());
    for a in apps {
        match text(&a.package_name) {
            Some(p) => match by_pkg.get(p) {
                Some(&i) => {
                    if a.install_time > out[i].install_time {
                        out[i] = a;
                    }
                }
                None => {
                    by_pkg.insert(p, out.len());
                    out.push(a);
                }
            },
            None => out.push(a),
        }
    }
    out
}

fn emit_apps(apps: &[AppRecord], req: NaiveDateTime, o: &mut Out) {
    let lists = app_lists();
    let ncat = lists.categories.len();
    let apps = dedup_apps(apps);
    let mut system = 0u64;
    let mut user_installed = Counts::default();
    let mut user_updated = Counts::default();
    let mut user_span = Span::default();
    let mut cat_count = vec![0u64; ncat];
    let mut cat_installed: Vec<Counts> = vec![Counts::default(); ncat];
    let mut cat_updated: Vec<Counts> = vec![Counts::default(); ncat];
    for a in &apps {
        let is_system = a.is_system_app == Some(true);
        system += is_system as u64;
        let installed = ms_time(a.install_time);
        let updated = ms_time(a.update_time);
        let ib = installed.map_or(Some(NW - 1), |t| band(req, Some(t)));
        let ub = updated.and_then(|t| band(req, Some(t)));
        if !is_system {
            if let Some(b) = ib {
                user_installed.add(b);
            }
            if let Some(b) = ub {
                user_updated.add(b);
            }
            if let Some(t) = installed.filter(|t| *t <= req) {
                user_span.add(t);
            }
        }
        let mut set = 0u64;
        if let Some(p) = text(&a.package_name) {
            set |= lists.match_set(p);
        }
        if let Some(n) = text(&a.app_name) {
            set |= lists.match_set(n);
        }
        while set != 0 {
            let c = set.trailing_zeros() as usize;
            set &= set - 1;
            cat_count[c] += 1;
            if let Some(b) = ib {
                cat_installed[c].add(b);
            }
            if let Some(b) = ub {
                cat_updated[c].add(b);
            }
        }
    }
    let total = apps.len() as u64;
    let user = total - system;
    feat!(o, int(total), ["app_count"], ["Number of installed apps (distinct package names)"]);
    feat!(o, int(user), ["app_user_count"], ["Number of user-installed (non-system) apps"]);
    feat!(o, int(system), ["app_system_count"], ["Number of system apps"]);
    let inst = user_installed.windows();
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(
            o,
            int(inst[w]),
            ["app_installed_count_{}", win.suffix],
            ["Number of user apps installed {} (all: including unknown install time)", win.phrase]
        );
    }
    let upd = user_updated.windows();
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(o, int(upd[w]), ["app_updated_count_{}", win.suffix], ["Number of user apps last updated {}", win.phrase]);
    }
    feat!(
        o,
        opt_int(user_span.days_since_first(req)),
        ["app_days_since_first_install"],
        ["Whole days since the oldest user-app install (a proxy for device age)"]
    );
    feat!(o, opt_int(user_span.days_since_last(req)), ["app_days_since_last_install"], ["Whole days since the newest user-app install"]);
    for (c, cat) in lists.categories.iter().enumerate() {
        let (name, what) = (cat.name.as_str(), cat.meaning.as_str());
        feat!(o, int(cat_count[c]), ["{name}_app_count"], ["Number of installed {what}"]);
        feat!(
            o,
            frac(ratio(cat_count[c] as f64, total as f64)),
            ["{name}_app_share"],
            ["Share of installed apps that are {what} (null without apps)"]
        );
        let v = cat_installed[c].windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                int(v[w]),
                ["{name}_app_installed_count_{}", win.suffix],
                ["Number of {what} installed {}", win.phrase]
            );
        }
        let v = cat_updated[c].windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, int(v[w]), ["{name}_app_updated_count_{}", win.suffix], ["Number of {what} last updated {}", win.phrase]);
        }
    }
}

// ---------------------------------------------------------------------------
// Call logs

const CALL_TYPES: [&str; 4] = ["incoming", "outgoing", "missed", "rejected"];

/// Index into `CALL_TYPES` (Android `CallLog.Calls.TYPE` codes accepted).
fn call_type_index(s: Option<&str>) -> Option<usize> {
    let s = s?.trim().to_ascii_lowercase();
    match s.as_str() {
        "incoming" | "incoming_type" | "1" => Some(0),
        "outgoing" | "outgoing_type" | "2" => Some(1),
        "missed" | "missed_type" | "3" => Some(2),
        "rejected" | "rejected_type" | "declined" | "5" => Some(3),
        _ => None,
    }
}

fn emit_calls(calls: &[CallLogRecord], contacts: &HashSet<&str>, req: NaiveDateTime, o: &mut Out) {
    let mut seen: HashSet<(&str, Option<i64>, Option<&str>)> = HashSet::with_capacity_and_hasher(calls.len(), Default::default());
    let mut all = Counts::default();
    let mut by_type: [Counts; 4] = Default::default();
    let mut dur_all = Sums::default();
    let mut dur_type: [Sums; 2] = Default::default();
    let mut connected = Counts::default();
    let mut night = Counts::default();
    let mut numbers: Distinct<&str> = Distinct::default();
    let mut days = DistinctDays::new(req);
    let mut span = Span::default();
    let mut per_number: HashMap<&str, u64> = HashMap::default();
    let mut total = 0u64;
    for c in calls {
        let num = text(&c.number_hash).unwrap_or("");
        if !seen.insert((num, c.call_time, c.call_type.as_deref())) {
            continue;
        }
        total += 1;
        let t = ms_time(c.call_time);
        let Some(b) = band(req, t) else { continue };
        all.add(b);
        let ty = call_type_index(c.call_type.as_deref());
        if let Some(i) = ty {
            by_type[i].add(b);
        }
        let d = c.duration_s.filter(|d| d.is_finite() && *d > 0.0);
        if let Some(d) = d {
            dur_all.add(b, d);
            connected.add(b);
            if let Some(i) = ty.filter(|i| *i < 2) {
                dur_type[i].add(b, d);
            }
        }
        if !num.is_empty() {
            numbers.add(b, num);
            *per_number.entry(num).or_default() += 1;
        }
        if let Some(t) = t {
            span.add(t);
            days.add(b, day_key(t));
            if is_night_ist(t) {
                night.add(b);
            }
        }
    }
    let n = all.windows();
    feat!(o, int(total), ["call_log_count"], ["Number of call-log records (after de-duplication, any date)"]);
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(o, int(n[w]), ["call_count_{}", win.suffix], ["Number of calls {}", win.phrase]);
    }
    for (i, ty) in CALL_TYPES.iter().enumerate() {
        let v = by_type[i].windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, int(v[w]), ["call_{ty}_count_{}", win.suffix], ["Number of {ty} calls {}", win.phrase]);
        }
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(
                o,
                frac(ratio(v[w] as f64, n[w] as f64)),
                ["call_{ty}_share_{}", win.suffix],
                ["Share of calls {} that were {ty} (null without calls)", win.phrase]
            );
        }
    }
    let d = dur_all.windows();
    let conn = connected.windows();
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(o, num(Some(d[w])), ["call_duration_sum_{}", win.suffix], ["Total call duration in seconds {}", win.phrase]);
    }
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(
            o,
            frac(ratio(d[w], conn[w] as f64)),
            ["call_connected_duration_mean_{}", win.suffix],
            ["Mean duration in seconds of calls with a positive duration {} (null without)", win.phrase]
        );
    }
    for (i, ty) in CALL_TYPES[..2].iter().enumerate() {
        let v = dur_type[i].windows();
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, num(Some(v[w])), ["call_{ty}_duration_sum_{}", win.suffix], ["Total duration in seconds of {ty} calls {}", win.phrase]);
        }
    }
    let inc = by_type[0].windows();
    let out = by_type[1].windows();
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(
            o,
            frac(ratio(out[w] as f64, inc[w] as f64)),
            ["call_outgoing_incoming_ratio_{}", win.suffix],
            ["Outgoing calls / incoming calls {} (null without incoming)", win.phrase]
        );
    }
    let distinct: [(&str, &str, [u64; NW]); 3] = [
        ("call_distinct_numbers", "distinct numbers called or calling", numbers.windows()),
        ("call_active_days", "calendar days with a call", days.windows()),
        ("call_night_count", "calls 22:00-06:00 India time", night.windows()),
    ];
    for (name, what, v) in distinct {
        for (w, win) in WINDOWS.iter().enumerate() {
            feat!(o, int(v[w]), ["{name}_{}", win.suffix], ["Number of {what} {}", win.phrase]);
        }
    }
    feat!(o, opt_int(span.days_since_first(req)), ["days_since_first_call"], ["Whole days since the oldest call in the call log"]);
    feat!(o, opt_int(span.days_since_last(req)), ["days_since_last_call"], ["Whole days since the newest call in the call log"]);
    feat!(o, opt_int(span.span_days()), ["call_history_span_days"], ["Whole days between the oldest and newest call"]);
    let distinct_total = per_number.len() as u64;
    let in_contacts = per_number.keys().filter(|k| contacts.contains(*k)).count() as u64;
    feat!(
        o,
        frac(ratio(in_contacts as f64, distinct_total as f64)),
        ["call_numbers_in_contacts_share"],
        ["Share of distinct call-log numbers saved in the contacts (null without calls)"]
    );
    let top = per_number.values().copied().max().unwrap_or(0);
    let numbered: u64 = per_number.values().sum();
    feat!(
        o,
        frac(ratio(top as f64, numbered as f64)),
        ["call_top_number_share"],
        ["Share of calls (up to the request time) with the single most frequent number (null without calls)"]
    );
}

// ---------------------------------------------------------------------------
// Contacts

fn emit_contacts(contacts: &[&ContactRecord], req: NaiveDateTime, o: &mut Out) {
    let mut starred = 0u64;
    let mut contacted = 0u64;
    let mut times_sum = 0i64;
    let mut times_n = 0u64;
    let mut last = Counts::default();
    let mut span = Span::default();
    for c in contacts {
        starred += (c.starred == Some(true)) as u64;
        let t = ms_time(c.last_contacted);
        if c.times_contacted.is_some_and(|n| n > 0) || t.is_some() {
            contacted += 1;
        }
        if let Some(n) = c.times_contacted.filter(|n| *n >= 0) {
            times_sum += n;
            times_n += 1;
        }
        if let Some(t) = t {
            if let Some(b) = band(req, Some(t)) {
                last.add(b);
                span.add(t);
            }
        }
    }
    let n = contacts.len() as u64;
    feat!(o, int(n), ["contact_count"], ["Number of contacts (distinct numbers)"]);
    feat!(o, int(starred), ["contact_starred_count"], ["Number of starred contacts"]);
    feat!(o, int(contacted), ["contact_ever_contacted_count"], ["Number of contacts ever called or messaged (times_contacted or last_contacted set)"]);
    feat!(
        o,
        frac(ratio(contacted as f64, n as f64)),
        ["contact_ever_contacted_share"],
        ["Share of contacts ever contacted (null without contacts)"]
    );
    feat!(o, int(times_sum.max(0) as u64), ["contact_times_contacted_sum"], ["Sum of times_contacted over contacts"]);
    feat!(
        o,
        frac(ratio(times_sum as f64, times_n as f64)),
        ["contact_times_contacted_mean"],
        ["Mean times_contacted per contact that reports it (null when none does)"]
    );
    let v = last.windows();
    for (w, win) in WINDOWS.iter().enumerate() {
        feat!(o, int(v[w]), ["contact_last_contacted_count_{}", win.suffix], ["Number of contacts last contacted {}", win.phrase]);
    }
    feat!(
        o,
        opt_int(span.days_since_last(req)),
        ["days_since_last_contact_interaction"],
        ["Whole days since the most recent last_contacted time among contacts"]
    );
}

fn dedup_contacts(contacts: &[ContactRecord]) -> Vec<&ContactRecord> {
    let mut seen: HashSet<&str> = HashSet::with_capacity_and_hasher(contacts.len(), Default::default());
    contacts
        .iter()
        .filter(|c| match text(&c.number_hash) {
            Some(n) => seen.insert(n),
            None => true,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Sync events

const PERMISSIONS: [(&str, &[&str]); 4] = [
    ("sms", &["sms"]),
    ("contacts", &["contact"]),
    ("call_log", &["call"]),
    ("location", &["location", "gps"]),
];

fn emit_sync(data: &UserData, req: NaiveDateTime, o: &mut Out) {
    let mut denied = 0u64;
    let mut granted = 0u64;
    let mut denied_perm = [0u64; PERMISSIONS.len()];
    let mut requests: HashSet<&str> = HashSet::default();
    let mut span = Span::default();
    for e in &data.sync_events {
        let words = format!(
            "{} {}",
            e.event_type.as_deref().unwrap_or(""),
            e.event_value.as_deref().unwrap_or("")
        )
        .to_ascii_lowercase();
        let is_denied = ["denied", "deny", "revoked", "rejected", "not_granted", "not granted"].iter().any(|k| words.contains(k));
        let is_granted = !is_denied && ["granted", "allowed", "allow"].iter().any(|k| words.contains(k));
        denied += is_denied as u64;
        granted += is_granted as u64;
        if is_denied {
            for (i, (_, keys)) in PERMISSIONS.iter().enumerate() {
                if keys.iter().any(|k| words.contains(k)) {
                    denied_perm[i] += 1;
                }
            }
        }
        if let Some(r) = text(&e.sync_request_id) {
            requests.insert(r);
        }
        if e.created_at <= req {
            span.add(e.created_at);
        }
    }
    feat!(o, int(data.sync_events.len() as u64), ["sync_event_count"], ["Number of sync events logged for the user"]);
    feat!(o, int(requests.len() as u64), ["sync_request_count"], ["Number of distinct sync requests"]);
    feat!(o, int(denied), ["sync_permission_denied_count"], ["Number of sync events reporting a denied / revoked permission"]);
    feat!(o, int(granted), ["sync_permission_granted_count"], ["Number of sync events reporting a granted permission"]);
    for (i, (p, _)) in PERMISSIONS.iter().enumerate() {
        feat!(o, int(denied_perm[i]), ["sync_{p}_permission_denied_count"], ["Number of sync events reporting the {p} permission denied"]);
    }
    feat!(o, opt_int(span.days_since_first(req)), ["days_since_first_sync_event"], ["Whole days since the first sync event"]);
    feat!(o, opt_int(span.days_since_last(req)), ["days_since_last_sync_event"], ["Whole days since the latest sync event"]);
}

// ---------------------------------------------------------------------------
// Device-id mapper

/// A mapper field as text (strings and numbers; empty, zero ids skipped).
fn id_of(doc: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    let s = match doc.get(key)? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty() && !is_zero_id(&s) && !s.eq_ignore_ascii_case("null") && !s.eq_ignore_ascii_case("unknown")).then_some(s)
}

fn emit_device_ids(docs: &[serde_json::Map<String, Value>], o: &mut Out) {
    const IDS: [(&str, &str); 5] = [
        ("android_id", "Android ids"),
        ("app_device_id", "app device ids"),
        ("google_adv_id", "Google advertising ids"),
        ("device_id", "device ids"),
        ("assembled_id", "assembled ids"),
    ];
    let mut sets: Vec<HashSet<String>> = (0..IDS.len()).map(|_| HashSet::default()).collect();
    let mut users: HashSet<(Option<String>, String)> = HashSet::default();
    let mut clients: HashSet<String> = HashSet::default();
    for d in docs {
        for (i, (k, _)) in IDS.iter().enumerate() {
            if let Some(v) = id_of(d, k) {
                sets[i].insert(v);
            }
        }
        if let Some(u) = id_of(d, "user_id") {
            users.insert((id_of(d, "client_id"), u));
        }
        if let Some(c) = id_of(d, "client_id") {
            clients.insert(c);
        }
    }
    feat!(o, int(docs.len() as u64), ["device_id_mapper_records"], ["Number of device-id mapper records sharing an id with the user's device"]);
    for (i, (k, what)) in IDS.iter().enumerate() {
        feat!(o, int(sets[i].len() as u64), ["device_distinct_{k}s"], ["Number of distinct {what} in those records"]);
    }
    let linked = users.len() as u64;
    feat!(o, int(linked), ["device_linked_user_count"], ["Number of distinct users (client, user) on records sharing the user's device ids"]);
    feat!(o, Value::Bool(linked > 1), ["device_shared_with_other_users"], ["More than one user is linked to the user's device ids"]);
    feat!(o, int(clients.len() as u64), ["device_linked_client_count"], ["Number of distinct lenders (client_id) linked to the user's device ids"]);
}

pub(crate) fn emit(data: &UserData, req: NaiveDateTime, o: &mut Out) {
    emit_device(data.device.as_ref(), o);
    emit_apps(&data.apps, req, o);
    let contacts = dedup_contacts(&data.contacts);
    let contact_numbers: HashSet<&str> = contacts.iter().filter_map(|c| text(&c.number_hash)).collect();
    emit_calls(&data.call_logs, &contact_numbers, req, o);
    emit_contacts(&contacts, req, o);
    emit_sync(data, req, o);
    emit_device_ids(&data.device_ids, o);
}
