//! Finding gazetteer names in folded text, and deciding which matches are places at all.

use super::lexicon::{PREPOSITIONS, TRIGGERS};
use super::Token;
use crate::gazetteer::{Gazetteer, NameRef};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::sync::OnceLock;

const COMMON_WORDS: &str = include_str!("../../gazetteer/common_words.tsv");

/// Zipf frequency (×100) of frequent Arabic words (folded), from wordfreq.
pub fn common_words() -> &'static HashMap<&'static str, u16> {
    static M: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    M.get_or_init(|| {
        COMMON_WORDS
            .lines()
            .skip(1)
            .filter_map(|l| {
                let (w, z) = l.split_once('\t')?;
                Some((w, z.parse().ok()?))
            })
            .collect()
    })
}

/// Zipf ×100 at and above which a word is too common to be taken as a place without a cue.
pub const COMMON_ZIPF: u16 = 300;

/// Clitics that can stand before a name without the article.
const CLITICS_BARE: &[&str] = &["", "و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك"];
/// Clitics that can stand before the article ال.
const CLITICS_ART: &[&str] = &["", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"];

/// The gazetteer's names compiled into one automaton.
pub struct Matcher {
    ac: AhoCorasick,
    keys: Vec<String>,
}

/// One raw match of a gazetteer name in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub key: String,
    /// Folded byte span of the key itself (article excluded).
    pub kstart: usize,
    pub kend: usize,
    /// Folded start of the name as written (article included, clitics excluded).
    pub wstart: usize,
    pub tok_first: usize,
    pub tok_last: usize,
    /// Conjunction/preposition letters attached in front («و», «ب», «وب»…).
    pub clitic: String,
    pub article: bool,
    pub hashtag: bool,
    pub multiword: bool,
    /// Zipf ×100 of the written word when it is a frequent Arabic word.
    pub zipf: u16,
    pub refs: Vec<NameRef>,
}

/// A match judged to be a place, with the cues that made it one.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    pub found: Found,
    pub trigger: Option<(&'static str, &'static str)>,
    pub prep: bool,
    pub cue: &'static str,
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// The word and its forms with conjunction/preposition clitics removed.
pub fn clitic_forms(w: &str) -> impl Iterator<Item = &str> + '_ {
    const P: &[&str] = &["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"];
    P.iter().filter_map(move |p| {
        let r = w.strip_prefix(p)?;
        (r.chars().count() >= 2).then_some(r)
    })
}

/// The trigger word (and the kind it introduces) that `w` is, clitics allowed.
pub fn trigger_of(w: &str) -> Option<(&'static str, &'static str)> {
    clitic_forms(w).find_map(|f| TRIGGERS.iter().find(|(t, _)| *t == f).copied())
}

pub fn is_preposition(w: &str) -> bool {
    clitic_forms(w).any(|f| PREPOSITIONS.contains(&f))
}

impl Matcher {
    /// Compile every name key of at least three letters.
    pub fn new(gaz: &Gazetteer) -> Matcher {
        let mut keys: Vec<String> = gaz
            .name_keys()
            .filter(|(k, _)| k.chars().filter(|c| !c.is_whitespace()).count() >= 3)
            .map(|(k, _)| k.clone())
            .collect();
        keys.sort();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .unwrap_or_else(|e| panic!("cannot build the name automaton: {e}"));
        Matcher { ac, keys }
    }

    /// The matcher for the bundled gazetteer, built once.
    pub fn bundled() -> &'static Matcher {
        static M: OnceLock<Matcher> = OnceLock::new();
        M.get_or_init(|| Matcher::new(Gazetteer::bundled()))
    }

    /// All whole-word matches, longest first where they overlap.
    pub fn find(&self, folded: &str, tokens: &[Token], gaz: &Gazetteer) -> Vec<Found> {
        let common = common_words();
        let mut all = Vec::new();
        let tok_at = |b: usize| -> Option<usize> {
            let i = tokens.partition_point(|t| t.end <= b);
            (i < tokens.len() && tokens[i].start <= b).then_some(i)
        };
        for m in self.ac.find_overlapping_iter(folded) {
            let (ks, ke) = (m.start(), m.end());
            // the name must end a word
            if folded[ke..].chars().next().is_some_and(is_letter) {
                continue;
            }
            let Some(tf) = tok_at(ks) else { continue };
            let Some(tl) = tok_at(ke.saturating_sub(1)) else {
                continue;
            };
            if tokens[tl].end != ke || tokens[tf].numeric {
                continue;
            }
            let ts = tokens[tf].start;
            let prefix = &folded[ts..ks];
            let (clitic, article) = if let Some(c) = prefix.strip_suffix("ال") {
                if !CLITICS_ART.contains(&c) {
                    continue;
                }
                (c, true)
            } else if matches!(prefix, "لل" | "ولل" | "فلل") {
                (&prefix[..prefix.len() - "ل".len()], true)
            } else if CLITICS_BARE.contains(&prefix) {
                (prefix, false)
            } else {
                continue;
            };
            let key = &self.keys[m.pattern().as_usize()];
            let multiword = key.contains(' ');
            let letters = key.chars().filter(|c| !c.is_whitespace()).count();
            let hashtag = folded[..ts].ends_with('#');
            let refs: Vec<NameRef> = gaz
                .by_key(key)
                .iter()
                .copied()
                .filter(|r| {
                    if article {
                        // «الحلب» is not Aleppo; but names listed with the article match it
                        r.article || multiword
                    } else if r.article {
                        // a bare form of an article name: long enough not to be a common stem,
                        // or marked as a name by a hashtag
                        letters >= 4 || hashtag
                    } else {
                        true
                    }
                })
                .collect();
            if refs.is_empty() {
                continue;
            }
            let wstart = if article {
                ks - "ال".len().min(ks - ts)
            } else {
                ks
            };
            let written = &folded[wstart..ke];
            let zipf = if multiword {
                0
            } else {
                let whole = &folded[ts..ke];
                common
                    .get(written)
                    .copied()
                    .unwrap_or(0)
                    .max(common.get(whole).copied().unwrap_or(0))
            };
            all.push(Found {
                key: key.clone(),
                kstart: ks,
                kend: ke,
                wstart,
                tok_first: tf,
                tok_last: tl,
                clitic: clitic.to_string(),
                article,
                hashtag,
                multiword,
                zipf,
                refs,
            });
        }
        // longest first, then leftmost; keep non-overlapping token ranges
        all.sort_by(|a, b| {
            (b.kend - b.wstart)
                .cmp(&(a.kend - a.wstart))
                .then(a.wstart.cmp(&b.wstart))
        });
        let mut taken = vec![false; tokens.len()];
        let mut out = Vec::new();
        for f in all {
            if (f.tok_first..=f.tok_last).any(|i| taken[i]) {
                continue;
            }
            for t in &mut taken[f.tok_first..=f.tok_last] {
                *t = true;
            }
            out.push(f);
        }
        out.sort_by_key(|f| f.wstart);
        out
    }
}

fn sentence_of(sents: &[(usize, usize)], b: usize) -> usize {
    sents
        .partition_point(|s| s.1 <= b)
        .min(sents.len().saturating_sub(1))
}

fn words_in(tokens: &[Token], s: (usize, usize)) -> usize {
    tokens
        .iter()
        .filter(|t| t.start >= s.0 && t.end <= s.1 && !t.numeric)
        .count()
}

/// Decide which matches are places: cues, common words, lists.
pub fn accept(
    folded: &str,
    tokens: &[Token],
    sents: &[(usize, usize)],
    found: Vec<Found>,
    gaz: &Gazetteer,
) -> Vec<Accepted> {
    let word = |i: usize| &folded[tokens[i].start..tokens[i].end];
    let mut out: Vec<(Accepted, bool)> = Vec::with_capacity(found.len());
    for f in found {
        let si = sentence_of(sents, f.wstart);
        let s = sents.get(si).copied().unwrap_or((0, folded.len()));
        let prev = (f.tok_first > 0 && tokens[f.tok_first - 1].start >= s.0)
            .then(|| f.tok_first - 1);
        let mut trigger = prev.and_then(|p| trigger_of(word(p)));
        // «العاصمة العراقية بغداد»: one adjective between trigger and name
        if trigger.is_none() {
            if let Some(p) = prev {
                if p > 0 && word(p).ends_with("يه") && tokens[p - 1].start >= s.0 {
                    trigger = trigger_of(word(p - 1));
                }
            }
        }
        let prep = !f.clitic.is_empty() && f.clitic != "و"
            || prev.is_some_and(|p| is_preposition(word(p)));
        let nwords = words_in(tokens, s);
        let title = si == 0 && nwords <= 8;
        let has_digit = tokens
            .iter()
            .any(|t| t.numeric && t.start >= s.0 && t.end <= s.1);
        let list_line = nwords <= 4 && has_digit;
        let big = f.refs.iter().any(|r| {
            let p = &gaz.places()[r.place as usize];
            p.kind == crate::gazetteer::PlaceKind::Country
                || p.population.unwrap_or(0) >= 100_000
                || p.kind == crate::gazetteer::PlaceKind::City
        });
        let (ok, cue) = if f.hashtag {
            (true, "hashtag")
        } else if let Some((t, _)) = trigger {
            (true, t)
        } else if title {
            (true, "title")
        } else if list_line {
            (true, "list_line")
        } else if f.multiword {
            (true, "multiword")
        } else if f.zipf < COMMON_ZIPF {
            (true, "rare_word")
        } else if prep && big {
            (true, "preposition+known_city")
        } else {
            (false, "common_word")
        };
        out.push((
            Accepted {
                found: f,
                trigger,
                prep,
                cue,
            },
            ok,
        ));
    }
    // lists: «القاطرجي -الميسر-قاضي عسكر», «حيي هنانو والأنصاري»
    loop {
        let mut changed = false;
        for i in 0..out.len() {
            if out[i].1 {
                continue;
            }
            let neighbour = |j: usize| -> bool {
                if !out[j].1 {
                    return false;
                }
                let (a, b) = if j < i { (j, i) } else { (i, j) };
                let (fa, fb) = (&out[a].0.found, &out[b].0.found);
                if fb.tok_first != fa.tok_last + 1 {
                    return false;
                }
                let between = &folded[tokens[fa.tok_last].end..tokens[fb.tok_first].start];
                let sep_ok = between
                    .chars()
                    .all(|c| c.is_whitespace() || "،,-/\\+#–".contains(c));
                sep_ok && (between.chars().any(|c| "،,-/–".contains(c)) || fb.clitic == "و" || fb.hashtag)
            };
            let near = (i > 0 && neighbour(i - 1)) || (i + 1 < out.len() && neighbour(i + 1));
            if near {
                out[i].1 = true;
                out[i].0.cue = "list";
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    out.into_iter().filter(|(_, ok)| *ok).map(|(a, _)| a).collect()
}
