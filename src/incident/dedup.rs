//! Dedup: several reports of one strike become one incident.
//!
//! Two incidents are reports of the same strike when they have the same `place_id`, dates at
//! most `date_tolerance_days` apart, and compatible event types (equal, one of them
//! `unspecified_attack`, or both in one weapon family, e.g. airstrike and barrel_bomb). Incidents
//! without a date or a place id are never merged: nothing says they are the same strike.
//!
//! The merged incident keeps every casualty claim (each with its own source; exact duplicates
//! of one claim are kept once), counts its reports in `sources`, and recomputes the conservative
//! best as ACLED does: `killed` = the lowest numeric figure, `killed_low`/`killed_high` = the
//! lowest/highest. The result does not depend on the input order: incidents are grouped in a
//! total order, and the output is sorted by id.

use super::{Claim, Incident};
use std::cmp::Ordering;

/// How reports are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DedupParams {
    /// Largest gap between two reports' dates, in days, for them to be one strike (default 0 =
    /// same day).
    pub date_tolerance_days: u32,
}

/// Weapon families: two specific event types are compatible when they share a family (a barrel
/// bomb report and an airstrike report of one raid are one strike; a car bomb is not a shelling).
const FAMILIES: &[&[&str]] = &[
    &[
        "airstrike",
        "barrel_bomb",
        "cluster_munition",
        "drone_strike",
        "incendiary",
        "chemical",
        "cruise_missile",
    ],
    &[
        "shelling",
        "rocket",
        "rocket_artillery",
        "ballistic_missile",
        "cruise_missile",
        "cluster_munition",
        "incendiary",
        "chemical",
    ],
    &["car_bomb", "suicide_bombing", "ied", "landmine"],
];

const UNSPECIFIED: &str = "unspecified_attack";

/// Whether two event types can describe the same strike.
pub fn compatible_event_types(a: &str, b: &str) -> bool {
    a == b
        || a == UNSPECIFIED
        || b == UNSPECIFIED
        || a.is_empty()
        || b.is_empty()
        || FAMILIES.iter().any(|f| f.contains(&a) && f.contains(&b))
}

fn day_number(date: Option<&str>) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(date?.trim(), "%Y-%m-%d").ok()?;
    Some(i64::from(chrono::Datelike::num_days_from_ce(&d)))
}

/// A total order on incidents that does not depend on where they came from in the input.
fn total_cmp(a: &Incident, b: &Incident) -> Ordering {
    a.place_id
        .cmp(&b.place_id)
        .then_with(|| day_number(a.date.as_deref()).cmp(&day_number(b.date.as_deref())))
        .then_with(|| (a.event_type == UNSPECIFIED).cmp(&(b.event_type == UNSPECIFIED)))
        .then_with(|| a.event_type.cmp(&b.event_type))
        .then_with(|| a.id.cmp(&b.id))
        .then_with(|| a.doc.cmp(&b.doc))
        .then_with(|| a.mention_start.cmp(&b.mention_start))
        .then_with(|| a.snippet.cmp(&b.snippet))
        .then_with(|| b.confidence.total_cmp(&a.confidence))
}

fn claim_cmp(a: &Claim, b: &Claim) -> Ordering {
    a.value
        .cmp(&b.value)
        .then_with(|| a.qualifier.cmp(&b.qualifier))
        .then_with(|| a.source.cmp(&b.source))
        .then_with(|| a.text.cmp(&b.text))
}

/// Merges reports of the same strike; see the module docs for the rule. Output sorted by id.
pub fn dedup(incidents: &[Incident], params: DedupParams) -> Vec<Incident> {
    let mut sorted: Vec<&Incident> = incidents.iter().collect();
    sorted.sort_by(|a, b| total_cmp(a, b));
    let tol = i64::from(params.date_tolerance_days);
    // Groups of one place: members are mutually compatible and within the tolerance of the first.
    let mut groups: Vec<Vec<&Incident>> = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // groups of the current place still accepting members
    let mut current_place: Option<&str> = None;
    for inc in sorted {
        let day = day_number(inc.date.as_deref());
        if inc.place_id.is_empty() || day.is_none() {
            groups.push(vec![inc]);
            continue;
        }
        if current_place != Some(inc.place_id.as_str()) {
            current_place = Some(inc.place_id.as_str());
            open.clear();
        }
        let fits = |g: &Vec<&Incident>| {
            let first = day_number(g[0].date.as_deref()).unwrap_or(i64::MIN / 2);
            day.is_some_and(|d| d - first <= tol)
                && g.iter()
                    .all(|m| compatible_event_types(&m.event_type, &inc.event_type))
        };
        match open.iter().copied().find(|&k| fits(&groups[k])) {
            Some(k) => groups[k].push(inc),
            None => {
                open.push(groups.len());
                groups.push(vec![inc]);
            }
        }
    }
    let mut out: Vec<Incident> = groups.into_iter().map(|g| merge(&g)).collect();
    out.sort_by(total_cmp_id);
    out
}

fn total_cmp_id(a: &Incident, b: &Incident) -> Ordering {
    a.id.cmp(&b.id).then_with(|| total_cmp(a, b))
}

/// Lowest and highest numeric figure of the claims.
fn claim_range(claims: &[Claim]) -> Option<(u64, u64)> {
    let vals = claims.iter().filter_map(|c| c.value);
    let lo = vals.clone().min()?;
    let hi = vals.max()?;
    Some((lo, hi))
}

fn merged_claims(group: &[&Incident], pick: fn(&Incident) -> &Vec<Claim>) -> Vec<Claim> {
    let mut v: Vec<Claim> = group.iter().flat_map(|i| pick(i).iter().cloned()).collect();
    v.sort_by(claim_cmp);
    v.dedup_by(|a, b| claim_cmp(a, b) == Ordering::Equal);
    v
}

/// (best, low, high).
type Figures = (Option<u64>, Option<u64>, Option<u64>);

/// (best, low, high): from the numeric claims when there are any, otherwise from the members'
/// own figures (lowest best, lowest low, highest high).
fn casualties(claims: &[Claim], group: &[&Incident], f: fn(&Incident) -> Figures) -> Figures {
    if let Some((lo, hi)) = claim_range(claims) {
        return (Some(lo), Some(lo), Some(hi));
    }
    let figs: Vec<_> = group.iter().map(|i| f(i)).collect();
    (
        figs.iter().filter_map(|x| x.0).min(),
        figs.iter().filter_map(|x| x.1.or(x.0)).min(),
        figs.iter().filter_map(|x| x.2.or(x.0)).max(),
    )
}

fn merge(group: &[&Incident]) -> Incident {
    let first = group[0];
    if group.len() == 1 {
        return first.clone();
    }
    // The representative: the most confident report, ties broken by the total order.
    let rep = group
        .iter()
        .copied()
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence).then(total_cmp(b, a)))
        .unwrap_or(first);
    let mut m = rep.clone();
    // A specific event type beats `unspecified_attack`; among specific ones the most reported,
    // then alphabetical.
    let mut types: Vec<(&str, usize)> = Vec::new();
    for i in group {
        if i.event_type != UNSPECIFIED && !i.event_type.is_empty() {
            match types.iter_mut().find(|(t, _)| *t == i.event_type) {
                Some(e) => e.1 += 1,
                None => types.push((&i.event_type, 1)),
            }
        }
    }
    types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if let Some((t, _)) = types.first() {
        if m.event_type != *t {
            if let Some(src) = group.iter().find(|i| i.event_type == *t) {
                m.event_type = src.event_type.clone();
                m.sub_event_type = src.sub_event_type.clone();
            }
        }
    }
    // Earliest date, and the most precise time precision among reports of that date.
    if let Some(earliest) = group
        .iter()
        .min_by(|a, b| {
            day_number(a.date.as_deref())
                .cmp(&day_number(b.date.as_deref()))
                .then(a.time_precision.cmp(&b.time_precision))
        })
        .copied()
    {
        m.date = earliest.date.clone();
        m.date_text = earliest.date_text.clone();
        m.time_precision = earliest.time_precision;
    }
    for (field, get) in [
        (
            &mut m.weapon,
            (|i: &Incident| i.weapon.clone()) as fn(&Incident) -> Option<String>,
        ),
        (&mut m.target, |i: &Incident| i.target.clone()),
        (&mut m.admin1, |i: &Incident| i.admin1.clone()),
        (&mut m.admin2, |i: &Incident| i.admin2.clone()),
    ] {
        if field.is_none() {
            *field = group.iter().find_map(|i| get(i));
        }
    }
    // Suspected actors are listed, not collapsed: the union, in first-seen order.
    m.actor1 = join_distinct(group.iter().filter_map(|i| i.actor1.as_deref()));
    m.actor1_norm = join_distinct(group.iter().filter_map(|i| i.actor1_norm.as_deref()));
    m.killed_claims = merged_claims(group, |i| &i.killed_claims);
    m.wounded_claims = merged_claims(group, |i| &i.wounded_claims);
    (m.killed, m.killed_low, m.killed_high) = casualties(&m.killed_claims, group, |i| {
        (i.killed, i.killed_low, i.killed_high)
    });
    (m.wounded, m.wounded_low, m.wounded_high) = casualties(&m.wounded_claims, group, |i| {
        (i.wounded, i.wounded_low, i.wounded_high)
    });
    m.sources = group
        .iter()
        .map(|i| i.sources.max(1))
        .fold(0u32, u32::saturating_add);
    m
}

fn join_distinct<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for s in items.flat_map(|s| s.split("; ")) {
        let s = s.trim();
        if !s.is_empty() && !seen.contains(&s) {
            seen.push(s);
        }
    }
    (!seen.is_empty()).then(|| seen.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::Qualifier;

    fn claim(v: Option<u64>, q: Qualifier, src: &str) -> Claim {
        Claim {
            value: v,
            qualifier: q,
            source: src.into(),
            text: v.map_or("عشرات".into(), |v| v.to_string()),
        }
    }

    fn inc(id: &str, place: &str, date: Option<&str>, ev: &str, killed: &[u64]) -> Incident {
        let claims: Vec<Claim> = killed
            .iter()
            .map(|&k| claim(Some(k), Qualifier::Exact, &format!("src-{id}")))
            .collect();
        let lo = killed.iter().min().copied();
        Incident {
            id: id.into(),
            doc: format!("doc{id}"),
            place_mention: "الصاخور".into(),
            place_name: "الصاخور".into(),
            place_name_en: "al-Sakhour".into(),
            place_id: place.into(),
            place_kind: "neighbourhood".into(),
            admin1: Some("Aleppo".into()),
            admin2: None,
            country: "Syria".into(),
            lon: 37.18,
            lat: 36.21,
            geo_precision: 1,
            event_type: ev.into(),
            sub_event_type: "Air/drone strike".into(),
            weapon: None,
            target: None,
            actor1: Some(format!("actor-{id}")),
            actor1_norm: None,
            date: date.map(Into::into),
            date_text: None,
            time_precision: 1,
            killed: lo,
            killed_low: lo,
            killed_high: killed.iter().max().copied(),
            killed_claims: claims,
            wounded: None,
            wounded_low: None,
            wounded_high: None,
            wounded_claims: vec![],
            casualty_scope: "place".into(),
            mention_start: 0,
            mention_end: 7,
            snippet: format!("snippet {id}"),
            reason: "cue".into(),
            confidence: 0.8,
            sources: 1,
            cluster_id: None,
        }
    }

    #[test]
    fn compatible_types_table() {
        for (a, b, want) in [
            ("airstrike", "airstrike", true),
            ("airstrike", "barrel_bomb", true),
            ("airstrike", "unspecified_attack", true),
            ("unspecified_attack", "car_bomb", true),
            ("shelling", "rocket_artillery", true),
            ("cluster_munition", "rocket", true),
            ("airstrike", "shelling", false),
            ("car_bomb", "airstrike", false),
            ("ied", "suicide_bombing", true),
            ("attack_on_military", "airstrike", false),
        ] {
            assert_eq!(compatible_event_types(a, b), want, "{a} / {b}");
            assert_eq!(compatible_event_types(b, a), want, "{b} / {a}");
        }
    }

    /// (incidents as (id, place, date, type, killed claims), tolerance, expected groups as
    /// sorted id lists of the merged incidents' sources).
    #[test]
    fn grouping_table() {
        type Row<'a> = (&'a str, &'a str, Option<&'a str>, &'a str);
        let cases: Vec<(&str, Vec<Row>, u32, Vec<u32>)> = vec![
            (
                "same place same day same type",
                vec![
                    ("a", "p1", Some("2016-09-24"), "airstrike"),
                    ("b", "p1", Some("2016-09-24"), "airstrike"),
                ],
                0,
                vec![2],
            ),
            (
                "different places",
                vec![
                    ("a", "p1", Some("2016-09-24"), "airstrike"),
                    ("b", "p2", Some("2016-09-24"), "airstrike"),
                ],
                0,
                vec![1, 1],
            ),
            (
                "next day, tolerance 0",
                vec![
                    ("a", "p1", Some("2016-09-24"), "airstrike"),
                    ("b", "p1", Some("2016-09-25"), "airstrike"),
                ],
                0,
                vec![1, 1],
            ),
            (
                "next day, tolerance 1",
                vec![
                    ("a", "p1", Some("2016-09-24"), "airstrike"),
                    ("b", "p1", Some("2016-09-25"), "barrel_bomb"),
                ],
                1,
                vec![2],
            ),
            (
                "incompatible types",
                vec![
                    ("a", "p1", Some("2016-09-24"), "airstrike"),
                    ("b", "p1", Some("2016-09-24"), "car_bomb"),
                ],
                0,
                vec![1, 1],
            ),
            (
                "unspecified joins a specific type",
                vec![
                    ("a", "p1", Some("2016-09-24"), "unspecified_attack"),
                    ("b", "p1", Some("2016-09-24"), "airstrike"),
                    ("c", "p1", Some("2016-09-24"), "airstrike"),
                ],
                0,
                vec![3],
            ),
            (
                "unspecified does not chain airstrike and shelling",
                vec![
                    ("a", "p1", Some("2016-09-24"), "unspecified_attack"),
                    ("b", "p1", Some("2016-09-24"), "airstrike"),
                    ("c", "p1", Some("2016-09-24"), "shelling"),
                ],
                0,
                vec![1, 2],
            ),
            (
                "undated reports are never merged",
                vec![
                    ("a", "p1", None, "airstrike"),
                    ("b", "p1", None, "airstrike"),
                ],
                0,
                vec![1, 1],
            ),
            (
                "no place id is never merged",
                vec![
                    ("a", "", Some("2016-09-24"), "airstrike"),
                    ("b", "", Some("2016-09-24"), "airstrike"),
                ],
                0,
                vec![1, 1],
            ),
        ];
        for (name, rows, tol, want) in cases {
            let incs: Vec<Incident> = rows
                .iter()
                .map(|&(id, p, d, ev)| inc(id, p, d, ev, &[]))
                .collect();
            let params = DedupParams {
                date_tolerance_days: tol,
            };
            let out = dedup(&incs, params);
            let mut got: Vec<u32> = out.iter().map(|i| i.sources).collect();
            got.sort_unstable();
            assert_eq!(got, want, "{name}");
            // Order independence: reversed input gives identical output.
            let mut rev = incs.clone();
            rev.reverse();
            assert_eq!(dedup(&rev, params), out, "{name}: depends on input order");
        }
    }

    #[test]
    fn merged_claims_and_conservative_best() {
        let mut a = inc("a", "p1", Some("2016-09-24"), "unspecified_attack", &[12]);
        a.killed_claims.push(claim(None, Qualifier::Vague, "text"));
        let b = inc("b", "p1", Some("2016-09-24"), "barrel_bomb", &[8, 15]);
        let mut c = inc("c", "p1", Some("2016-09-24"), "airstrike", &[12]);
        c.killed_claims[0].source = "src-a".into(); // the very same claim as a's
        c.sources = 2; // already merged from two reports
        let out = dedup(&[a, b, c], DedupParams::default());
        assert_eq!(out.len(), 1);
        let m = &out[0];
        assert_eq!(m.sources, 4);
        assert_eq!(
            (m.killed, m.killed_low, m.killed_high),
            (Some(8), Some(8), Some(15))
        );
        // 12 (src-a, twice), 8 and 15 (src-b), vague (text): the duplicate kept once.
        let got: Vec<(Option<u64>, &str)> = m
            .killed_claims
            .iter()
            .map(|c| (c.value, c.source.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (None, "text"),
                (Some(8), "src-b"),
                (Some(12), "src-a"),
                (Some(15), "src-b")
            ]
        );
        // Specific type wins over unspecified; tie airstrike/barrel_bomb broken alphabetically.
        assert_eq!(m.event_type, "airstrike");
        assert_eq!(m.actor1.as_deref(), Some("actor-c; actor-b; actor-a"));
    }

    #[test]
    fn no_numeric_claims_keeps_member_figures() {
        let mut a = inc("a", "p1", Some("2016-09-24"), "airstrike", &[]);
        a.killed = Some(5);
        let mut b = inc("b", "p1", Some("2016-09-24"), "airstrike", &[]);
        b.killed = Some(3);
        b.killed_high = Some(9);
        let out = dedup(&[a, b], DedupParams::default());
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].killed, out[0].killed_low, out[0].killed_high),
            (Some(3), Some(3), Some(9))
        );
    }

    proptest::proptest! {
        /// Any permutation of the input gives the same output; reports are neither lost nor
        /// invented; every merged incident's best is its lowest numeric claim.
        #[test]
        fn order_independent_and_conserving(
            rows in proptest::collection::vec((0usize..2, 0usize..3, 0usize..5, 0u64..20), 1..12),
            seed in 0u64..1000,
            tol in 0u32..2,
        ) {
            const TYPES: [&str; 5] =
                ["airstrike", "barrel_bomb", "shelling", "unspecified_attack", "car_bomb"];
            let incs: Vec<Incident> = rows
                .iter()
                .enumerate()
                .map(|(k, &(p, d, t, killed))| {
                    let date = format!("2016-09-{:02}", 20 + d);
                    inc(&format!("i{k:02}"), &format!("p{p}"), Some(&date), TYPES[t], &[killed])
                })
                .collect();
            let mut shuffled = incs.clone();
            let mut s = seed;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (s >> 33) as usize % (i + 1));
            }
            let params = DedupParams { date_tolerance_days: tol };
            let out = dedup(&incs, params);
            proptest::prop_assert_eq!(&dedup(&shuffled, params), &out);
            let total: u32 = out.iter().map(|i| i.sources).sum();
            proptest::prop_assert_eq!(total as usize, incs.len());
            for m in &out {
                let lo = m.killed_claims.iter().filter_map(|c| c.value).min();
                proptest::prop_assert_eq!(m.killed, lo);
            }
        }
    }
}
