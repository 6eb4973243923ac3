//! Place finding, resolution and roles.
//!
//! 1. [`matcher`]: every gazetteer name is found as whole words in the folded text with one
//!    Aho–Corasick automaton, allowing clitics (و ف ب ل ك) and the article in front.
//! 2. Cues decide whether a match is a place at all: a trigger word («حي», «بلدة»), a hashtag,
//!    a title line, a list of places; a name that is also a frequent Arabic word («صور», «بدا»)
//!    needs one of those.
//! 3. [`resolve`]: homonyms are settled by the trigger's kind, containers («في حلب»), the
//!    document's focus and the population prior.
//! 4. [`roles`]: each place gets a role; only `incident` places become incidents.

pub mod lexicon;
pub mod matcher;
pub mod resolve;
pub mod roles;

use crate::gazetteer::Gazetteer;
use crate::text::{normalize, NormText};
pub use matcher::Matcher;
use serde::Serialize;

/// What a place is to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Where the attack landed or people were hit.
    Incident,
    OriginOfFire,
    OrganisationSeat,
    OrganisationName,
    RegionContext,
    Country,
    Displacement,
    VictimOrigin,
    Hospital,
    LandmarkReference,
    IntendedTarget,
    Dateline,
    /// Named in a sentence that reports no attack.
    NonAttack,
    Other,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Incident => "incident",
            Role::OriginOfFire => "origin_of_fire",
            Role::OrganisationSeat => "organisation_seat",
            Role::OrganisationName => "organisation_name",
            Role::RegionContext => "region_context",
            Role::Country => "country",
            Role::Displacement => "displacement",
            Role::VictimOrigin => "victim_origin",
            Role::Hospital => "hospital",
            Role::LandmarkReference => "landmark_reference",
            Role::IntendedTarget => "intended_target",
            Role::Dateline => "dateline",
            Role::NonAttack => "non_attack",
            Role::Other => "other",
        }
    }
}

/// A word of the folded text: byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub numeric: bool,
}

/// Letters (any script) and digits form words; everything else separates them.
pub fn tokenize(folded: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, bool)> = None;
    for (i, c) in folded.char_indices() {
        let class = if c.is_alphabetic() {
            Some(false)
        } else if c.is_ascii_digit() {
            Some(true)
        } else {
            None
        };
        match (cur, class) {
            (Some((s, n)), Some(k)) if n == k => {
                let _ = s;
            }
            (Some((s, n)), _) => {
                out.push(Token {
                    start: s,
                    end: i,
                    numeric: n,
                });
                cur = class.map(|k| (i, k));
            }
            (None, Some(k)) => cur = Some((i, k)),
            (None, None) => {}
        }
    }
    if let Some((s, n)) = cur {
        out.push(Token {
            start: s,
            end: folded.len(),
            numeric: n,
        });
    }
    out
}

/// Sentence spans (folded bytes): split at . ! ? ؟ ؛ and line breaks in the original.
pub fn sentences(original: &str, nt: &NormText) -> Vec<(usize, usize)> {
    // Line breaks were folded to spaces; find them through the map.
    let f = &nt.folded;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in f.char_indices() {
        // «...» and «..» join clauses in these texts; a single full stop ends a sentence
        let dots = c == '.' && (f[i + 1..].starts_with('.') || f[..i].ends_with('.'));
        let brk = (matches!(c, '.' | '!' | '?' | '؟' | '؛' | '|') && !dots)
            || (c == ' ' && {
                let (a, b) = nt.original_span(i, i + 1);
                original[a..b].contains('\n')
            });
        if brk {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if start < f.len() {
        out.push((start, f.len()));
    }
    out
}

/// A place named in a document, resolved and given a role.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte span in the original text of the name as written (article kept, conjunctions and
    /// prepositions attached in front dropped).
    pub start: usize,
    pub end: usize,
    /// Folded byte span of the same.
    pub fstart: usize,
    pub fend: usize,
    /// The name as written.
    pub text: String,
    /// Gazetteer index of the chosen place.
    pub place: usize,
    /// How many gazetteer places the name could be.
    pub candidates: usize,
    pub role: Role,
    /// Why this place and this role (cues that decided).
    pub reason: String,
    pub confidence: f64,
    /// Index into the document's sentences.
    pub sentence: usize,
    /// The trigger word in front, if any («حي»).
    pub trigger: Option<&'static str>,
    pub hashtag: bool,
}

/// Everything geoparsing learns about one document.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub norm: NormText,
    pub tokens: Vec<Token>,
    pub sentences: Vec<(usize, usize)>,
    pub mentions: Vec<PlaceMention>,
}

/// Find, resolve and give roles to the places of a text.
pub fn parse(text: &str, gaz: &Gazetteer, matcher: &Matcher) -> Parsed {
    let norm = normalize(text);
    let tokens = tokenize(&norm.folded);
    let sents = sentences(text, &norm);
    let found = matcher.find(&norm.folded, &tokens, gaz);
    let accepted = matcher::accept(&norm.folded, &tokens, &sents, found, gaz);
    let resolved = resolve::resolve(&norm.folded, &tokens, accepted, gaz);
    let mut mentions = roles::assign(&norm.folded, &tokens, &sents, resolved, gaz);
    for m in &mut mentions {
        let (a, b) = norm.original_span(m.fstart, m.fend);
        m.start = a;
        m.end = b;
        m.text = text[a..b].to_string();
    }
    Parsed {
        norm,
        tokens,
        sentences: sents,
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_digits_from_letters() {
        let f = "بستان القصر11 و#صاخور";
        let t: Vec<&str> = tokenize(f).iter().map(|t| &f[t.start..t.end]).collect();
        assert_eq!(t, vec!["بستان", "القصر", "11", "و", "صاخور"]);
    }
}
