//! The index keys of a place's names. This file is compiled twice: into the library, and into
//! `build.rs`, which precomputes the bundled gazetteer's name index at build time. Sharing the
//! code is what guarantees that the prebuilt index and one built at run time (for a user's
//! overlay) give the same keys; a test compares the two.

use super::normalize::{fold, fold_latin};

/// The matching key of an Arabic name: folded, with the article of the first word removed.
/// Returns the key and whether an article was removed.
///
/// ```
/// use athar::gazetteer::name_key;
/// assert_eq!(name_key("الصّاخور"), ("صاخور".to_string(), true));
/// assert_eq!(name_key("بستان القصر"), ("بستان القصر".to_string(), false));
/// ```
pub fn name_key(name: &str) -> (String, bool) {
    folded_key(&fold(name))
}

/// [`name_key`] of a name that is already folded.
fn folded_key(f: &str) -> (String, bool) {
    let f = f.trim_start_matches('#').trim();
    match f.strip_prefix("ال") {
        // keep names like «الى» or «الف» whole: stripping would leave one or two letters
        Some(rest) if rest.chars().take_while(|c| !c.is_whitespace()).count() >= 2 => {
            (rest.to_string(), true)
        }
        _ => (f.to_string(), false),
    }
}

/// A key without the trigger word it opens with («حي المعادي» → «معادي»), when it has one;
/// with whether an article was removed (see [`name_key`]).
pub fn untriggered(key: &str) -> Option<(String, bool)> {
    ["حي ", "حاره ", "منطقه "]
        .iter()
        .find_map(|t| key.strip_prefix(t))
        .map(folded_key)
}

/// First words of compound names that reports often write joined to the next word.
const JOINABLE: [&str; 14] = [
    "كفر", "دير", "تل", "عين", "بيت", "ابو", "ام", "بني", "بير", "خربه", "عرب", "معره", "خان",
    "جسر",
];

fn joined_form(key: &str) -> Option<String> {
    let (first, rest) = key.split_once(' ')?;
    (JOINABLE.contains(&first) && !rest.is_empty()).then(|| format!("{first}{rest}"))
}

/// The spaced form of a one-word compound name the gazetteer writes joined («معرتحرمة» →
/// «معرة حرمة», «تلعفر» → «تل عفر»), when at least three letters follow the first word.
fn split_form(key: &str) -> Option<String> {
    if key.contains(' ') {
        return None;
    }
    let (first, rest) = std::iter::once(("معره", key.strip_prefix("معرت")))
        .chain(JOINABLE.iter().map(|j| (*j, key.strip_prefix(j))))
        .find_map(|(f, r)| Some((f, r?)))?;
    (rest.chars().count() >= 3).then(|| format!("{first} {rest}"))
}

/// The variants of a `places.tsv` cell (`a|b|c`), trimmed, empty ones dropped.
pub fn split_variants(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|x| !x.is_empty())
}

/// An Arabic key of a place: the key, whether the name had the article, whether it came from
/// the canonical name (the first one given).
pub type ArabicKey = (String, bool, bool);

/// The Arabic keys of one place, canonical name first; a key reached twice keeps its first
/// «canonical» flag and has the article if any of its forms has it («ابيض» and «الابيض»
/// both listed: «الأبيض» in a text is the name). `out` is cleared first (reused across places
/// to save allocations).
pub fn arabic_keys<'a>(names: impl Iterator<Item = &'a str>, out: &mut Vec<ArabicKey>) {
    out.clear();
    for (n, name) in names.enumerate() {
        let (key, article) = name_key(name);
        if key.chars().nth(1).is_none() {
            continue;
        }
        // «كفر ناها» is also written «كفرناها»; «حي المعادي» is also «#المعادي»
        let joined = joined_form(&key)
            .or_else(|| split_form(&key))
            .map(|k| (k, article));
        let untriggered = untriggered(&key).filter(|(k, _)| k.chars().nth(2).is_some());
        for (k, article) in std::iter::once((key, article))
            .chain(joined)
            .chain(untriggered)
        {
            match out.iter_mut().find(|(x, ..)| *x == k) {
                Some(seen) => seen.1 |= article,
                None => out.push((k, article, n == 0)),
            }
        }
    }
}

/// The Latin keys of one place (see [`fold_latin`]), deduplicated; `out` is cleared first.
pub fn latin_keys<'a>(names: impl Iterator<Item = &'a str>, out: &mut Vec<String>) {
    out.clear();
    for name in names {
        let key = fold_latin(name);
        if key.len() >= 2 && !out.contains(&key) {
            out.push(key);
        }
    }
}
