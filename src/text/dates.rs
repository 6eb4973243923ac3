//! Date expressions in folded Arabic text, resolved against the publication date.
//!
//! Explicit dates (`17 4 2015`, `30/5/2015`, `25- 8-2016`, `2016-09-24`, `3 يناير 2016`) and
//! relative ones (اليوم، أمس، أول أمس، الليلة الماضية، weekday names such as «أمس السبت» or
//! «ليلة الخميس», which mean the latest such day on or before publication).

use aho_corasick::AhoCorasick;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::sync::OnceLock;

/// A date found in text, with its folded byte span and how precise it is (ACLED 1 = day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
    /// `true` for dates written out, `false` for relative ones.
    pub explicit: bool,
    pub precision: u8,
}

pub(crate) const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("كانون الثاني", 1),
    ("فبراير", 2),
    ("شباط", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("ابريل", 4),
    ("نيسان", 4),
    ("مايو", 5),
    ("ايار", 5),
    ("يونيو", 6),
    ("حزيران", 6),
    ("يوليو", 7),
    ("تموز", 7),
    ("اغسطس", 8),
    ("اب", 8),
    ("سبتمبر", 9),
    ("ايلول", 9),
    ("اكتوبر", 10),
    ("تشرين الاول", 10),
    ("نوفمبر", 11),
    ("تشرين الثاني", 11),
    ("ديسمبر", 12),
    ("كانون الاول", 12),
    // the dates of embedded posts («— … (@handle) November 28, 2024»), folded to lower case
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// Weekday names, folded, with the article.
pub const WEEKDAYS: &[(&str, Weekday)] = &[
    ("الاحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الاربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعه", Weekday::Fri),
    ("السبت", Weekday::Sat),
];

fn digits_at(b: &[u8], i: usize) -> (usize, usize) {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    (i, j)
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// Explicit numeric dates: d m yyyy with separators space - / _ . (spaces allowed around).
fn numeric_dates(f: &str, out: &mut Vec<DateExpr>) {
    let b = f.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut j = i;
        loop {
            let (s, e) = digits_at(b, j);
            if e == s {
                break;
            }
            parts.push((s, e));
            if parts.len() == 3 {
                j = e;
                break;
            }
            // separator: spaces and at most one of - / _ .
            let mut k = e;
            let mut seps = 0;
            let mut hard = 0;
            while k < b.len() && matches!(b[k], b' ' | b'-' | b'/' | b'_' | b'.' | b'\\') {
                if b[k] != b' ' {
                    hard += 1;
                }
                seps += 1;
                k += 1;
            }
            if seps == 0 || seps > 3 || hard > 1 {
                j = e;
                break;
            }
            j = k;
        }
        if parts.len() == 3 {
            let p: Vec<&str> = parts.iter().map(|&(s, e)| &f[s..e]).collect();
            let (y, m, d) = if p[0].len() == 4 {
                (num(p[0]), num(p[1]), num(p[2]))
            } else {
                (num(p[2]), num(p[1]), num(p[0]))
            };
            if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                if (1990..=2100).contains(&y) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                        out.push(DateExpr {
                            start: parts[0].0,
                            end: parts[2].1,
                            date,
                            explicit: true,
                            precision: 1,
                        });
                        i = j;
                        continue;
                    }
                }
            }
        }
        i = parts.first().map(|p| p.1).unwrap_or(i + 1).max(i + 1);
    }
}

/// Relative phrases, in the order they are tried.
const RELATIVE: &[&str] = &[
    "اول امس",
    "الليل قبل الماضي",
    "الليله قبل الماضيه",
    "الليله الماضيه",
    "ليله امس",
    "مساء امس",
    "امس",
    "اليوم",
];

/// Every month name, relative phrase and weekday, compiled into one automaton so that a text
/// is scanned once, not once per phrase.
fn date_phrases() -> &'static (AhoCorasick, Vec<&'static str>) {
    static A: OnceLock<(AhoCorasick, Vec<&'static str>)> = OnceLock::new();
    A.get_or_init(|| {
        let mut v: Vec<&'static str> = MONTHS.iter().map(|m| m.0).collect();
        v.extend(RELATIVE);
        v.extend(WEEKDAYS.iter().map(|w| w.0));
        v.sort_unstable();
        v.dedup();
        let ac = AhoCorasick::new(&v).unwrap_or_else(|e| panic!("date phrases: {e}"));
        (ac, v)
    })
}

type PhraseIndex = std::collections::HashMap<&'static str, usize, foldhash::fast::FixedState>;

/// Each date phrase's place in [`date_phrases`] (one hash lookup where a binary search of the
/// sorted phrases took a dozen string comparisons; asked some forty times a text).
fn phrase_index() -> &'static PhraseIndex {
    static M: OnceLock<PhraseIndex> = OnceLock::new();
    M.get_or_init(|| {
        let (_, v) = date_phrases();
        v.iter().enumerate().map(|(i, &p)| (p, i)).collect()
    })
}

/// Where each date phrase occurs: left to right, not overlapping itself (as repeated
/// `str::find` from the end of the last occurrence would give).
#[derive(Debug, Clone)]
struct Occurrences {
    by_phrase: Vec<Vec<usize>>,
}

impl Occurrences {
    fn scan(f: &str) -> Occurrences {
        let (ac, v) = date_phrases();
        let mut by_phrase: Vec<Vec<usize>> = vec![Vec::new(); v.len()];
        for m in ac.find_overlapping_iter(f) {
            by_phrase[m.pattern().as_usize()].push(m.start());
        }
        for (i, p) in by_phrase.iter_mut().enumerate() {
            p.sort_unstable();
            let mut end = 0;
            p.retain(|&s| {
                let keep = s >= end;
                if keep {
                    end = s + v[i].len();
                }
                keep
            });
        }
        Occurrences { by_phrase }
    }

    fn of(&self, phrase: &str) -> &[usize] {
        match phrase_index().get(phrase) {
            Some(&i) => &self.by_phrase[i],
            None => &[],
        }
    }

    /// Occurrences that stand as whole words (see [`word_at`]).
    fn words(&self, f: &str, phrase: &str) -> Vec<usize> {
        self.of(phrase)
            .iter()
            .copied()
            .filter(|&s| word_at(f, s, phrase))
            .collect()
    }
}

/// «3 يناير 2016», «21 أيلول 2016».
fn month_name_dates(f: &str, occ: &Occurrences, out: &mut Vec<DateExpr>) {
    for &(name, m) in MONTHS {
        for &s in occ.of(name) {
            let e = s + name.len();
            let before = f[..s].trim_end();
            let mut after = f[e..].trim_start();
            // «2 ديسمبر/كانون الأول 2019»: the month's other name after a slash
            if let Some(rest) = after.strip_prefix('/') {
                let rest = rest.trim_start();
                if let Some(&(other, _)) = MONTHS
                    .iter()
                    .find(|(o, mm)| *mm == m && rest.starts_with(o))
                {
                    after = rest[other.len()..].trim_start();
                }
            }
            let dstr: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let mut ystr: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
            // «November 28, 2024»: an English month before its day
            let mut dstr = dstr;
            let mut start = before.len().saturating_sub(dstr.len());
            if dstr.is_empty() && name.is_ascii() {
                let day: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
                let rest = after[day.len()..].trim_start_matches([',', ' ']);
                let year: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                if !day.is_empty() && year.len() == 4 {
                    after = rest;
                    dstr = day;
                    ystr = year;
                    start = s;
                }
            }
            let (Some(d), Some(y)) = (num(&dstr), num(&ystr)) else {
                continue;
            };
            // whole words only
            if f[e..].chars().next().is_some_and(crate::text::is_letter)
                || (name.is_ascii()
                    && f[..s]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphabetic()))
            {
                continue;
            }
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                let end = f.len() - after.len() + ystr.len();
                out.push(DateExpr {
                    start,
                    end,
                    date,
                    explicit: true,
                    precision: 1,
                });
            }
        }
    }
}

fn word_at(f: &str, s: usize, w: &str) -> bool {
    let ok_before = f[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !crate::text::is_letter(c) || "وفب".contains(c));
    let ok_after = f[s + w.len()..]
        .chars()
        .next()
        .is_none_or(|c| !crate::text::is_letter(c));
    ok_before && ok_after
}

fn latest_weekday(on_or_before: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (on_or_before.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    on_or_before - Duration::days(back as i64)
}

/// «أمس الثلاثاء»: the day with that weekday nearest to `yesterday` (up to three days either
/// way, never after `published`). The weekday is the surer word: publication dates in feeds
/// are often a day off, and «أمس» then names the day of publication itself.
fn yesterday_weekday(yesterday: NaiveDate, published: NaiveDate, wd: Weekday) -> NaiveDate {
    [0i64, -1, 1, -2, 2, -3, 3]
        .iter()
        .map(|&d| yesterday + Duration::days(d))
        .find(|d| d.weekday() == wd && *d <= published)
        .unwrap_or_else(|| latest_weekday(yesterday, wd))
}

/// Relative expressions, resolved against `published`.
fn relative_dates(f: &str, occ: &Occurrences, published: NaiveDate, out: &mut Vec<DateExpr>) {
    fn push(out: &mut Vec<DateExpr>, s: usize, e: usize, date: NaiveDate) {
        out.push(DateExpr {
            start: s,
            end: e,
            date,
            explicit: false,
            precision: 1,
        })
    }
    let yesterday = published - Duration::days(1);
    for s in occ.words(f, "اول امس") {
        push(out, s, s + "اول امس".len(), published - Duration::days(2));
    }
    for phrase in ["الليل قبل الماضي", "الليله قبل الماضيه"] {
        for s in occ.words(f, phrase) {
            push(out, s, s + phrase.len(), published - Duration::days(2));
        }
    }
    // «مساء أمس الثلاثاء», «أمس السبت», «اليوم الخميس»: the phrase at `s`, and the weekday
    // right after it, which decides the day; returns the end of both and the weekday
    let weekday_after = |s: usize, phrase: &str| -> (usize, Option<Weekday>) {
        let end = s + phrase.len();
        let rest = f[end..].trim_start();
        match WEEKDAYS.iter().find(|(n, _)| rest.starts_with(n)) {
            Some(&(n, w)) => (f.len() - rest.len() + n.len(), Some(w)),
            None => (end, None),
        }
    };
    let on_yesterday =
        |wd: Option<Weekday>| wd.map_or(yesterday, |w| yesterday_weekday(yesterday, published, w));
    for phrase in ["الليله الماضيه", "ليله امس", "مساء امس"] {
        for s in occ.words(f, phrase) {
            let (e, wd) = weekday_after(s, phrase);
            push(out, s, e, on_yesterday(wd));
        }
    }
    for s in occ.words(f, "امس") {
        if f[..s].ends_with("اول ") || out.iter().any(|d| d.start <= s && s < d.end) {
            continue;
        }
        let (e, wd) = weekday_after(s, "امس");
        push(out, s, e, on_yesterday(wd));
    }
    for s in occ.words(f, "اليوم") {
        if out.iter().any(|d| d.start <= s && s < d.end) {
            continue;
        }
        let (e, wd) = weekday_after(s, "اليوم");
        push(
            out,
            s,
            e,
            wd.map_or(published, |w| latest_weekday(published, w)),
        );
    }
    for &(n, w) in WEEKDAYS {
        for s in occ.words(f, n) {
            if out.iter().any(|d| d.start <= s && s < d.end) {
                continue;
            }
            push(out, s, s + n.len(), latest_weekday(published, w));
        }
    }
}

/// Every date expression in a folded text, sorted by position. Relative expressions need
/// the publication date.
///
/// ```
/// use athar::text::{dates::find_dates, fold};
/// use chrono::NaiveDate;
/// let pub_ = NaiveDate::from_ymd_opt(2016, 9, 25);
/// let d = find_dates(&fold("غارات أمس السبت على حلب"), pub_);
/// assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2016, 9, 24).unwrap());
/// let d = find_dates(&fold("الكلاسة ١٧ ٤ ٢٠١٥"), None);
/// assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2015, 4, 17).unwrap());
/// ```
pub fn find_dates(folded: &str, published: Option<NaiveDate>) -> Vec<DateExpr> {
    DateScan::new(folded).resolve(folded, published)
}

/// A text's dates before the publication date is known: the dates written out, and where the
/// date phrases are, so that place finding (which needs the former) and incident extraction
/// (which resolves «أمس السبت» against the publication date) scan the text once.
#[derive(Debug, Clone)]
pub struct DateScan {
    written: Vec<DateExpr>,
    occ: Occurrences,
}

impl DateScan {
    pub fn new(folded: &str) -> DateScan {
        let mut written = Vec::new();
        numeric_dates(folded, &mut written);
        let occ = Occurrences::scan(folded);
        month_name_dates(folded, &occ, &mut written);
        DateScan { written, occ }
    }

    /// The dates written out (as [`find_dates`] without a publication date).
    pub fn written(&self) -> Vec<DateExpr> {
        in_text_order(self.written.clone())
    }

    /// All dates, relative ones resolved against `published` (as [`find_dates`]); `folded`
    /// is the text the scan was made of.
    pub fn resolve(&self, folded: &str, published: Option<NaiveDate>) -> Vec<DateExpr> {
        let mut out = self.written.clone();
        if let Some(p) = published {
            relative_dates(folded, &self.occ, p, &mut out);
        }
        in_text_order(out)
    }
}

/// Sorted by position; a date overlapping an earlier one is dropped.
fn in_text_order(mut out: Vec<DateExpr>) -> Vec<DateExpr> {
    out.sort_by_key(|d| (d.start, d.end));
    out.dedup_by(|b, a| a.start <= b.start && b.start < a.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn table() {
        let pub_ = Some(d(2016, 9, 25)); // a Sunday
        let rows: &[(&str, Option<NaiveDate>, NaiveDate)] = &[
            ("الكلاسة 17 4 2015", None, d(2015, 4, 17)),
            ("برميلين 30/5/2015", None, d(2015, 5, 30)),
            ("باب النيرب 25- 8-2016", None, d(2016, 8, 25)),
            ("٣٠/٥/٢٠١٥", None, d(2015, 5, 30)),
            ("حلب_نيوز 30_3_2016", None, d(2016, 3, 30)),
            ("في 2016-09-24", None, d(2016, 9, 24)),
            ("يوم 3 يناير 2016", None, d(2016, 1, 3)),
            ("الإثنين 2 ديسمبر/كانون الأول 2019", None, d(2019, 12, 2)),
            ("— خبر (@Sy_news) November 28, 2024", None, d(2024, 11, 28)),
            ("غارات أمس السبت", pub_, d(2016, 9, 24)),
            ("غارات أمس الجمعة", pub_, d(2016, 9, 23)),
            ("اليوم", pub_, d(2016, 9, 25)),
            ("صباح اليوم", pub_, d(2016, 9, 25)),
            ("أمس", pub_, d(2016, 9, 24)),
            ("أول أمس", pub_, d(2016, 9, 23)),
            ("والليلة الماضية قتل", pub_, d(2016, 9, 24)),
            ("منذ ليلة الخميس", pub_, d(2016, 9, 22)),
            ("الثلاثاء", Some(d(2017, 4, 5)), d(2017, 4, 4)),
            ("فجر اليوم الخميس", Some(d(2017, 2, 9)), d(2017, 2, 9)),
            // the weekday wins over a publication date a day off: «أمس الثلاثاء» in a feed
            // dated Tuesday is that Tuesday, not the one a week before
            ("مساء أمس الثلاثاء", Some(d(2016, 8, 2)), d(2016, 8, 2)),
            ("أمس الثلاثاء", Some(d(2016, 8, 2)), d(2016, 8, 2)),
            ("مساء أمس الاثنين", Some(d(2016, 8, 2)), d(2016, 8, 1)),
        ];
        for (text, p, want) in rows {
            let got = find_dates(&fold(text), *p);
            assert_eq!(got.first().map(|x| x.date), Some(*want), "{text}");
            // one scan serves both readings: written dates alone, then all of them
            let f = fold(text);
            let scan = DateScan::new(&f);
            let written = scan.written();
            assert_eq!(written, find_dates(&f, None), "{text}");
            assert_eq!(
                written.is_empty(),
                p.is_some(),
                "{text}: written or relative"
            );
            assert_eq!(scan.resolve(&f, *p), got, "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for t in [
            "منذ عام 2012",
            "16 حيا",
            "الساعة 13:56",
            "1.5 مليون",
            "32 45 99",
        ] {
            assert!(find_dates(&fold(t), None).is_empty(), "{t}");
        }
    }
}
