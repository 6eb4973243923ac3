//! Finding gazetteer names in folded text, and deciding which matches are places at all.

use super::lexicon::{PREPOSITIONS, TRIGGERS};
use super::Token;
use crate::gazetteer::{Gazetteer, NameRef};
use crate::text::is_letter;
use crate::text::words::WordList;
use std::sync::OnceLock;

type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

const COMMON_WORDS: &str = include_str!("../../gazetteer/common_words.tsv");
/// Place names that wordfreq counts as frequent only because reports name the places.
const NAMES_NOT_WORDS: &str = include_str!("../../gazetteer/manual/names_not_words.txt");

/// Is this folded word a place name that is frequent only as a place («غزه», «تلعفر»)?
pub fn name_not_word(w: &str) -> bool {
    static S: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        NAMES_NOT_WORDS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
    .contains(w)
}

/// Zipf frequency (×100) of frequent Arabic words (folded), from wordfreq.
/// Zipf ×100 of a folded word, also read without a leading «و»/«ف» or the accusative «ا»
/// («ومنزلا» is «منزل»); 0 for a rare word.
pub fn zipf_of(w: &str) -> u16 {
    let m = common_words();
    let bare = w
        .strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .filter(|b| b.chars().count() >= 3);
    [Some(w), w.strip_suffix('ا'), bare]
        .into_iter()
        .flatten()
        .filter_map(|x| m.get(x).copied())
        .max()
        .unwrap_or(0)
}

pub fn common_words() -> &'static HashMap<&'static str, u16> {
    static M: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    M.get_or_init(|| {
        // (split by hand as `lines` and `split_once('\t')` would, the header skipped: for
        // 52,000 short lines one pass over the bytes beats two searches a line)
        let text = COMMON_WORDS;
        let mut m = HashMap::with_capacity_and_hasher(text.len() / 16, Default::default());
        let mut add = |start: usize, end: usize, tab: Option<usize>| {
            if let Some(t) = tab.filter(|&t| t < end) {
                if let Ok(z) = text[t + 1..end].parse() {
                    m.insert(&text[start..t], z);
                }
            }
        };
        let (mut start, mut tab, mut header) = (0, None, true);
        for (i, &b) in text.as_bytes().iter().enumerate() {
            match b {
                b'\t' if tab.is_none() => tab = Some(i),
                b'\n' => {
                    if !std::mem::take(&mut header) {
                        // («\r\n» ends a line too)
                        let end = if text[start..i].ends_with('\r') {
                            i - 1
                        } else {
                            i
                        };
                        add(start, end, tab);
                    }
                    (start, tab) = (i + 1, None);
                }
                _ => {}
            }
        }
        if start < text.len() && !header {
            add(start, text.len(), tab);
        }
        m
    })
}

/// Zipf ×100 at and above which a word is too common to be taken as a place without a cue.
pub const COMMON_ZIPF: u16 = 300;
/// What a hashtag adds to a frequent word that names only lesser places, in a text naming no
/// other place of their country («#زكاة» in a Kuwaiti post): less than to a name (4.5).
const HASHTAG_SMALL: f64 = 2.5;

/// The gazetteer's names, indexed by their first word: a name can only start right after a
/// word's clitics, so each word of the text is looked up under its few possible stems instead
/// of scanning every byte with an automaton.
pub struct Matcher {
    keys: Vec<std::sync::Arc<str>>,
    /// What a word (its clitics off) can open: the keys whose first word it is, or the one key
    /// it is an alias of (one lookup a word, in the hot loop).
    by_first: HashMap<String, Starts>,
    /// For the bundled matcher only: each key's places in the bundled gazetteer, so that a
    /// match needs no search of the gazetteer's index (any other gazetteer is searched).
    bundled_refs: Option<Vec<&'static [NameRef]>>,
}

/// What a word of the text can open ([`Matcher`]'s `by_first`).
enum Starts {
    /// First word of a key (its leading run of letters) → indexes of the keys starting with it.
    Keys(Vec<u32>),
    /// A name as often typed in a form the gazetteer does not list → the key's index: several
    /// words without the spaces no letter shows, or without a final hamza. (Only words no key
    /// starts with are aliases.)
    Alias(u32),
}

/// The prefixes a name can have inside its word, and whether they end in the article:
/// bare clitics («و», «ب», «وب» …), clitics before «ال», and «لل» (= «ل» + «ال»).
const PREFIXES: &[(&str, &str, bool)] = &[
    ("", "", false),
    ("و", "و", false),
    ("ف", "ف", false),
    ("ب", "ب", false),
    ("ل", "ل", false),
    ("وب", "وب", false),
    ("فب", "فب", false),
    ("ول", "ول", false),
    ("فل", "فل", false),
    ("ال", "", true),
    ("وال", "و", true),
    ("فال", "ف", true),
    ("بال", "ب", true),
    ("وبال", "وب", true),
    ("فبال", "فب", true),
    ("لل", "ل", true),
    ("ولل", "ول", true),
    ("فلل", "فل", true),
];

/// The [`PREFIXES`] that can open `w`, in their order: the empty one and those whose first
/// letter is the word's (looked up by that letter rather than comparing all eighteen).
fn prefixes_from(w: &str) -> &'static [(&'static str, &'static str, bool)] {
    type Prefixes = Vec<(&'static str, &'static str, bool)>;
    static BY_LETTER: OnceLock<[Prefixes; 6]> = OnceLock::new();
    const LETTERS: [[u8; 2]; 5] = [WAW, FA, BA, LAM, utf8_of('ا')];
    let by = BY_LETTER.get_or_init(|| {
        let of = |first: Option<[u8; 2]>| -> Prefixes {
            PREFIXES
                .iter()
                .copied()
                .filter(|(p, _, _)| {
                    p.is_empty() || p.as_bytes().first_chunk::<2>().copied() == first
                })
                .collect()
        };
        [
            of(Some(LETTERS[0])),
            of(Some(LETTERS[1])),
            of(Some(LETTERS[2])),
            of(Some(LETTERS[3])),
            of(Some(LETTERS[4])),
            of(None),
        ]
    });
    let first = w.as_bytes().first_chunk::<2>().copied();
    let i = LETTERS
        .iter()
        .position(|l| Some(*l) == first)
        .unwrap_or(LETTERS.len());
    &by[i]
}

/// One raw match of a gazetteer name in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The gazetteer key matched (shared with the matcher: no copy per match).
    pub key: std::sync::Arc<str>,
    /// Folded byte span of the key itself (article excluded).
    pub kstart: usize,
    pub kend: usize,
    /// Folded start of the name as written (article included, clitics excluded).
    pub wstart: usize,
    pub tok_first: usize,
    pub tok_last: usize,
    /// Conjunction/preposition letters attached in front («و», «ب», «وب»…).
    pub clitic: &'static str,
    pub article: bool,
    /// The text adds the article to a name the gazetteer lists only without it («الصفصافية»
    /// for OCHA's «صفصافية»): a name only with a place word, hashtag or list around it.
    pub added_article: bool,
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
    /// Evidence that the match is a place (accepted at 2.0 and above).
    pub score: f64,
}

impl Accepted {
    /// Found after a word for a street, square or building («شارع الكويت»): the name is part
    /// of the site's name, so a country in it is not one the text names.
    pub fn in_site_name(&self) -> bool {
        self.trigger.is_some_and(|t| t.1 == "site")
    }
}

/// The word and its forms with conjunction/preposition clitics removed.
pub fn clitic_forms(w: &str) -> impl Iterator<Item = &str> + '_ {
    // the prefixes «» «و ف ب ل ك» «وب ول فب فل وك», in that order; at most one of each length
    // can match, so look at the first two letters instead of trying all eleven (this runs for
    // nearly every word of every report)
    // (compared as bytes: each of these letters is two bytes in UTF-8, so the first two bytes
    // are the first letter when they are one of them, and the next two the second)
    let b = w.as_bytes();
    let c1 = b.first_chunk::<2>().copied();
    let c2 = b.get(2..).and_then(|r| r.first_chunk::<2>()).copied();
    let one = matches!(c1, Some(WAW | FA | BA | LAM | KAF)).then(|| &w[2..]);
    let two = matches!(
        (c1, c2),
        (Some(WAW), Some(BA | LAM | KAF)) | (Some(FA), Some(BA | LAM))
    )
    .then(|| &w[4..]);
    [Some(w), one, two]
        .into_iter()
        .flatten()
        .filter(|r| two_chars(r))
}

/// The UTF-8 bytes of a letter of two bytes (U+0080 to U+07FF).
const fn utf8_of(c: char) -> [u8; 2] {
    let c = c as u32;
    [0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]
}
const WAW: [u8; 2] = utf8_of('و');
const FA: [u8; 2] = utf8_of('ف');
const BA: [u8; 2] = utf8_of('ب');
const LAM: [u8; 2] = utf8_of('ل');
const KAF: [u8; 2] = utf8_of('ك');

/// At least two characters (without counting them all: more bytes than the first one has).
fn two_chars(r: &str) -> bool {
    r.chars().next().is_some_and(|c| r.len() > c.len_utf8())
}

/// The word's possible stems: itself, without clitics, and without the article after them
/// («وبالقصف» → «بالقصف», «القصف», «قصف»; «للقصف» → «قصف»).
pub fn stems(w: &str) -> impl Iterator<Item = &str> + '_ {
    let lil = w
        .strip_prefix("لل")
        .or_else(|| w.strip_prefix("ولل"))
        .or_else(|| w.strip_prefix("فلل"))
        .filter(|r| two_chars(r));
    clitic_forms(w)
        .flat_map(|f| std::iter::once(f).chain(f.strip_prefix("ال").filter(|r| two_chars(r))))
        .chain(lil)
}

/// The trigger word (and the kind it introduces) that `w` is, clitics allowed.
pub fn trigger_of(w: &str) -> Option<(&'static str, &'static str)> {
    let triggers = triggers_and_typos();
    stems(w).find_map(|f| triggers.get(f).copied())
}

/// Each trigger word (the first entry where one is listed twice) and each of its typos
/// ([`trigger_typos`]), looked up at once rather than scanning the list per stem.
fn triggers_and_typos() -> &'static HashMap<String, (&'static str, &'static str)> {
    static T: OnceLock<HashMap<String, (&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        // (no typo is a trigger word: those are left out of the typos)
        let mut out = trigger_typos();
        for &(t, kind) in TRIGGERS.iter().rev() {
            out.insert(t.to_string(), (t, kind));
        }
        out
    })
}

/// Place words of five letters or more typed with two neighbouring letters swapped («ميدنة
/// الحراك» for «مدينة»), when the typo is no word of its own («مدنية» is one).
fn trigger_typos() -> HashMap<String, (&'static str, &'static str)> {
    let mut out = HashMap::default();
    for &(t, kind) in TRIGGERS {
        let cs: Vec<char> = t.chars().collect();
        // (long words only, the first letter kept: short or initial swaps make words)
        if cs.len() < 5 {
            continue;
        }
        for i in 1..cs.len() - 1 {
            if cs[i] == cs[i + 1] {
                continue;
            }
            let mut v = cs.clone();
            v.swap(i, i + 1);
            let typo: String = v.into_iter().collect();
            if zipf_of(&typo) == 0 && !TRIGGERS.iter().any(|(x, _)| *x == typo) {
                out.entry(typo).or_insert((t, kind));
            }
        }
    }
    out
}

pub fn is_preposition(w: &str) -> bool {
    clitic_forms(w).any(|f| PREPOSITIONS.contains(&f))
}

/// A name of several words whose first is a word of place, not of a site («مدينة عين», «حي
/// المعادي»; not «مطار بغداد»).
fn opens_with_place_word(key: &str) -> bool {
    // («قطاع غزة» is the Strip's own name, as «مطار بغداد» is the airport's)
    key.split_once(' ')
        .is_some_and(|(w, _)| w != "قطاع" && TRIGGERS.iter().any(|(t, k)| *t == w && *k != "site"))
}

/// How many bytes of `text` a name `key` takes at its start: the name itself, or (for a name of
/// several words) the name with a hashtag sign opening a later word («قطاع #غزة», «مطار #بغداد»).
fn name_at(text: &str, key: &str) -> Option<usize> {
    let (t, k) = (text.as_bytes(), key.as_bytes());
    // (the common start first: most keys part from the text there, and only a «#» after a
    // space where they part can make them meet again)
    let same = t.iter().zip(k).take_while(|(a, b)| a == b).count();
    if same == k.len() {
        return Some(k.len());
    }
    if t.get(same) != Some(&b'#') || same == 0 || k[same - 1] != b' ' {
        return None;
    }
    // (a word of place is no part of the tagged name: «حي #المعادي» is «المعادي» after «حي»;
    // a site's word is: «مطار #بغداد»)
    if opens_with_place_word(key) {
        return None;
    }
    let (mut i, mut j) = (same, same);
    while j < k.len() {
        if i >= t.len() {
            return None;
        }
        if t[i] == k[j] {
            i += 1;
            j += 1;
        } else if t[i] == b'#' && i > 0 && t[i - 1] == b' ' && j > 0 && k[j - 1] == b' ' {
            i += 1;
        } else {
            return None;
        }
    }
    Some(i)
}

impl Matcher {
    /// Compile every name key of at least three letters.
    pub fn new(gaz: &Gazetteer) -> Matcher {
        Matcher::build(gaz).0
    }

    /// The matcher, and each key's places in `gaz` (in the order of the keys).
    fn build(gaz: &Gazetteer) -> (Matcher, Vec<&[NameRef]>) {
        let mut named: Vec<(&str, &[NameRef])> = gaz
            .name_keys()
            .into_iter()
            .filter(|(k, _)| k.chars().filter(|c| !c.is_whitespace()).count() >= 3)
            .collect();
        // (keys are distinct: sorting by the key alone is the order of sorting the keys)
        named.sort_by(|a, b| a.0.cmp(b.0));
        let keys: Vec<std::sync::Arc<str>> = named
            .iter()
            .map(|(k, _)| std::sync::Arc::from(*k))
            .collect();
        let mut by_first: HashMap<String, Starts> =
            HashMap::with_capacity_and_hasher(keys.len(), Default::default());
        for (i, k) in keys.iter().enumerate() {
            let first = k.find(|c: char| !is_letter(c)).map_or(&k[..], |e| &k[..e]);
            // (a first word is copied only the first time it is seen)
            match by_first.get_mut(first) {
                Some(Starts::Keys(v)) => v.push(i as u32),
                _ => {
                    by_first.insert(first.to_string(), Starts::Keys(vec![i as u32]));
                }
            }
        }
        // (after every first word: a form some key starts with is no alias; the first alias of
        // a form stays)
        for (i, k) in keys.iter().enumerate() {
            if let Some(j) = joined_form(k).filter(|j| zipf_of(j) == 0) {
                by_first.entry(j).or_insert(Starts::Alias(i as u32));
            }
            // («السويدا», «كربلا», «البترا»: the final hamza is often not typed; a frequent form
            // still needs a cue, as the matcher asks of any frequent word)
            if let Some(a) = k.strip_suffix("اء").filter(|a| !a.contains(' ')) {
                by_first
                    .entry(format!("{a}ا"))
                    .or_insert(Starts::Alias(i as u32));
            }
        }
        let matcher = Matcher {
            keys,
            by_first,
            bundled_refs: None,
        };
        (matcher, named.into_iter().map(|(_, r)| r).collect())
    }

    /// The matcher for the bundled gazetteer, built once.
    pub fn bundled() -> &'static Matcher {
        static M: OnceLock<Matcher> = OnceLock::new();
        M.get_or_init(|| {
            let (mut m, refs) = Matcher::build(Gazetteer::bundled());
            m.bundled_refs = Some(refs);
            m
        })
    }

    /// All whole-word matches, longest first where they overlap.
    pub fn find(&self, folded: &str, tokens: &[Token], gaz: &Gazetteer) -> Vec<Found> {
        let common = common_words();
        let mut all = Vec::new();
        for (tf, tok) in tokens.iter().enumerate() {
            if tok.numeric {
                continue;
            }
            let ts = tok.start;
            let word = &folded[ts..tok.end];
            let hashtag = folded[..ts].ends_with('#');
            // (the first letter rules out most prefixes without comparing them)
            for &(prefix, clitic, article) in prefixes_from(word) {
                let Some(rest) = word.strip_prefix(prefix).filter(|r| !r.is_empty()) else {
                    continue;
                };
                let (cands, alias) = match self.by_first.get(rest) {
                    Some(Starts::Keys(c)) => (&c[..], None),
                    Some(&Starts::Alias(ki)) => (&[][..], Some((ki, rest.len()))),
                    None => continue,
                };
                let ks = ts + prefix.len();
                let at = cands
                    .iter()
                    .filter_map(|&ki| Some((ki, name_at(&folded[ks..], &self.keys[ki as usize])?)))
                    .chain(alias);
                for (ki, len) in at {
                    let key = &self.keys[ki as usize];
                    let ke = ks + len;
                    // the name must end a word
                    if folded[ke..].chars().next().is_some_and(is_letter) {
                        continue;
                    }
                    let tl = tf + tokens[tf..].partition_point(|t| t.end < ke);
                    if tl >= tokens.len() || tokens[tl].end != ke {
                        continue;
                    }
                    let multiword = key.contains(' ');
                    let letters = key.chars().filter(|c| !c.is_whitespace()).count();
                    let all_refs = match &self.bundled_refs {
                        // (both are built once per process: the same gazetteer is this one)
                        Some(r) if std::ptr::eq(gaz, Gazetteer::bundled()) => r[ki as usize],
                        _ => gaz.by_key(key),
                    };
                    // «الحلب» is not Aleppo; but names listed with the article match it, and a
                    // longer name listed without it may be written with it («الصفصافية»)
                    // (not a country: «السورية» is the adjective, not «سورية»)
                    let added_article = article
                        && !multiword
                        && letters >= 5
                        && all_refs.iter().all(|r| {
                            !r.article
                                && gaz.places()[r.place as usize].kind
                                    != crate::gazetteer::PlaceKind::Country
                        });
                    let refs: Vec<NameRef> = all_refs
                        .iter()
                        .copied()
                        .filter(|r| {
                            if article {
                                r.article || multiword || added_article
                            } else if r.article {
                                // a bare form of an article name: long enough not to be a common
                                // stem, or marked as a name by a hashtag
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
                        clitic,
                        article,
                        added_article,
                        hashtag,
                        multiword,
                        zipf,
                        refs,
                    });
                }
            }
        }
        // longest first, then (at equal length) a name that does not open with a place word
        // («عين العرب» over GeoNames' «مدينة عين» for Al Ain in «مدينة عين العرب»), then
        // leftmost; keep non-overlapping token ranges
        all.sort_by(|a, b| {
            (b.kend - b.wstart)
                .cmp(&(a.kend - a.wstart))
                .then_with(|| opens_with_place_word(&a.key).cmp(&opens_with_place_word(&b.key)))
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

/// A name of several words as typed without its spaces, where no letter joins across them
/// and the word still looks the same («حفرالباطن», «ديرالزور», «ابوظبي»): only spaces after a
/// letter that never joins the next («ا د ذ ر ز و» and «ة», folded to «ه») can go unseen.
/// Names opening with a place word are left out («مدينه …» is the word, then the name).
fn joined_form(key: &str) -> Option<String> {
    if !key.contains(' ') || opens_with_place_word(key) {
        return None;
    }
    let mut prev = ' ';
    for (i, c) in key.char_indices() {
        if c == ' ' && !matches!(prev, 'ا' | 'د' | 'ذ' | 'ر' | 'ز' | 'و' | 'ه') {
            return None;
        }
        if c == ' ' && key[i + 1..].starts_with(' ') {
            return None;
        }
        prev = c;
    }
    let j: String = key.chars().filter(|c| *c != ' ').collect();
    (j.chars().count() >= 6).then_some(j)
}

/// «قريتين», «بلدتين», «مدينتين», «حيين»: the dual of a place word (the key has no article).
fn is_dual_of_place_word(key: &str) -> bool {
    let Some(stem) = key.strip_suffix("ين") else {
        return false;
    };
    let stem = stem
        .strip_suffix('ت')
        .map_or(stem.to_string(), |s| format!("{s}ه"));
    TRIGGERS
        .iter()
        .any(|(t, _)| *t == stem || t.strip_prefix("ال") == Some(&stem))
}

/// «مدنيين», «مدنين», «عراقين»: the plural of a person noun in «ي» («مدني», «عراقي»), also
/// with the doubled «ي» written once (the key has no article).
fn is_person_plural(key: &str) -> bool {
    use crate::incident::casualties::PERSON_NOUNS;
    PERSON_NOUNS.iter().filter(|p| p.ends_with('ي')).any(|p| {
        key.strip_prefix(p)
            .is_some_and(|rest| matches!(rest, "ن" | "ين" | "ون"))
    })
}

/// «الشمالية», «جنوبي», «الغربيه»: a compass adjective (the key has no article).
fn is_compass_adjective(key: &str) -> bool {
    let k = key.strip_suffix('ه').unwrap_or(key);
    matches!(k, "شمالي" | "جنوبي" | "شرقي" | "غربي" | "شماليه" | "وسطي")
}

/// Words of the attack, weapon and casualty lexicons, which are never place names.
fn is_lexicon_word(w: &str) -> bool {
    use crate::incident::casualties::{DEATH_WORDS, WOUND_WORDS};
    use crate::incident::lexicon::EVENTS;
    static L: OnceLock<WordList> = OnceLock::new();
    let list = L.get_or_init(|| {
        let words: Vec<&'static str> = EVENTS
            .iter()
            .map(|e| e.0)
            .filter(|e| !e.contains(' '))
            .chain(DEATH_WORDS.iter().chain(WOUND_WORDS).copied())
            .filter(|c| c.chars().count() >= 4)
            .collect();
        WordList::new(&words)
    });
    // a lexicon word, or it with up to three letters more
    stems(w).any(|f| list.prefix_of_chars(f, 3))
}

/// A frequent word that names only a lesser place outside the Arab world, where reports in
/// Arabic rarely go: more likely the word («ليل», night) than the place (Lille).
pub fn frequent_word_abroad(zipf: u16, p: &crate::gazetteer::Place) -> bool {
    zipf >= COMMON_ZIPF && salience(p) < 3.0 && !crate::gazetteer::is_arab_country(&p.country)
}

/// How well known a place is: big places are named in text without a cue.
pub fn salience(p: &crate::gazetteer::Place) -> f64 {
    use crate::gazetteer::PlaceKind::*;
    let pop = p.population.unwrap_or(0);
    let by_pop = if pop >= 1_000_000 {
        3.0
    } else if pop >= 100_000 {
        2.0
    } else if pop >= 20_000 {
        1.0
    } else {
        0.0
    };
    let by_kind = match p.kind {
        Country => 3.0,
        City | Town if p.country == "SY" => 1.5,
        Neighbourhood | Camp => 0.5,
        _ => 0.0,
    };
    f64::max(by_pop, by_kind)
}

/// The index of the sentence holding folded byte `b` (the last one past the end).
pub fn sentence_of(sents: &[(usize, usize)], b: usize) -> usize {
    sents
        .partition_point(|s| s.1 <= b)
        .min(sents.len().saturating_sub(1))
}

fn words_in(tokens: &[Token], s: (usize, usize)) -> usize {
    super::tokens_in(tokens, s)
        .iter()
        .filter(|t| !t.numeric)
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
    // the countries of the names no everyday word could be: a hashtag on a frequent word
    // («#شعار», «#زكاة») names a lesser place only in a text about that place's country
    let named_countries: std::collections::HashSet<&str> = found
        .iter()
        .filter(|f| f.zipf < COMMON_ZIPF || name_not_word(&f.key))
        .flat_map(|f| f.refs.iter())
        .map(|r| &*gaz.places()[r.place as usize].country)
        .collect();
    for f in found {
        let si = sentence_of(sents, f.wstart);
        let s = sents.get(si).copied().unwrap_or((0, folded.len()));
        let prev =
            (f.tok_first > 0 && tokens[f.tok_first - 1].start >= s.0).then(|| f.tok_first - 1);
        let mut trigger = prev.and_then(|p| trigger_of(word(p)));
        // «العاصمة العراقية بغداد»: one adjective between trigger and name
        if trigger.is_none() {
            if let Some(p) = prev {
                if p > 0 && word(p).ends_with("يه") && tokens[p - 1].start >= s.0 {
                    trigger = trigger_of(word(p - 1));
                }
            }
        }
        let prep = (!f.clitic.is_empty() && f.clitic != "و")
            || prev.is_some_and(|p| is_preposition(word(p)));
        let nwords = words_in(tokens, s);
        // a title line «الكلاسة 17 4 2015»: the name opens the first line, which is short or dated
        let has_digit = super::tokens_in(tokens, s).iter().any(|t| t.numeric);
        let first_words = super::tokens_in(tokens, (s.0, f.wstart))
            .iter()
            .filter(|t| !t.numeric)
            .count();
        // a title opens with the name itself, not with «بال…» («بالصور || …» is «in pictures»);
        // after one word only if the name is no frequent word («مجزرة جديدة: …»)
        let title = si == 0
            && (first_words == 0 || (first_words == 1 && f.zipf < COMMON_ZIPF))
            && (has_digit || nwords <= 3)
            && f.clitic.is_empty();
        // «8 #سكري»: a short line that is a number then the name
        let list_line = nwords <= 4
            && has_digit
            && f.tok_first > 0
            && tokens[f.tok_first - 1].numeric
            && tokens[f.tok_first - 1].start >= s.0;
        let sal = f
            .refs
            .iter()
            .map(|r| salience(&gaz.places()[r.place as usize]))
            .fold(0.0f64, f64::max);
        let letters = folded[f.wstart..f.kend]
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        let mut score = 1.0 + sal;
        let mut cue = "name";
        // a hashtag is a deliberate tag: strong even on a common word («#شعار»)
        if f.hashtag {
            score += if trigger.is_some() {
                5.0
            } else if f.zipf >= COMMON_ZIPF
                && sal < 2.0
                && !f
                    .refs
                    .iter()
                    .any(|r| named_countries.contains(&*gaz.places()[r.place as usize].country))
            {
                HASHTAG_SMALL
            } else {
                4.5
            };
            cue = "hashtag";
        } else if let Some((t, _)) = trigger {
            score += 3.0;
            cue = t;
        } else if title {
            score += 2.5;
            cue = "title";
        } else if list_line {
            score += 2.5;
            cue = "list_line";
        } else if prep {
            score += 1.5;
            cue = "preposition";
        } else if f.tok_first > 0 && {
            let from = tokens[f.tok_first.saturating_sub(3)].start.max(s.0);
            let span = (from, tokens[f.tok_first].start);
            super::roles::has_cue(folded, tokens, span, super::roles::attack_cues())
        } {
            // «قصفت قوات النظام الغوطة الشرقية»: the object of an attack
            score += 1.5;
            cue = "attack_object";
        }
        if f.multiword {
            score += 0.5;
            // («قبر الانكليزي كفر حمرة»: «كفر», «دير», «تل», «خربة» … open names of villages
            // more than anything else)
            if matches!(
                f.key.split(' ').next(),
                Some(
                    "كفر"
                        | "دير"
                        | "تل"
                        | "خربه"
                        | "معره"
                        | "قلعه"
                        | "بيت"
                        | "عين"
                        | "جسر"
                )
            ) {
                score += 0.5;
            }
        }
        // «حي الميدان»: after «حي» a frequent word is a neighbourhood's name more often than not
        // (and after «مدينة», «بلدة», «قرية»: «بمدينة مأرب», not «مآرب», aims)
        let after_hayy =
            trigger.is_some_and(|t| matches!(t.1, "neighbourhood" | "city" | "town" | "village"));
        // a name frequent only as a place is no common word once a cue stands before it
        // («قصف على غزة»); alone it may stand for a government («دمشق ترد»), and after «ل»
        // for a cause («نصرة لغزة»)
        // A country's name written as the gazetteer lists it is a place even alone («الكويت
        // تطبق سياسة …»: a government, but still the country, which roles tell apart), unless
        // the word is also a name or an everyday word («مالي» financial, «هند» a woman)
        let not_word = name_not_word(&folded[f.wstart..f.kend]);
        let country_alone = cue == "name"
            && !f.added_article
            && f.refs.iter().any(|r| {
                gaz.places()[r.place as usize].kind == crate::gazetteer::PlaceKind::Country
            })
            && !matches!(&*f.key, "مالي" | "بنين" | "هند" | "غانا" | "جيرسي" | "بيرو");
        let zipf = if country_alone || (cue != "name" && !f.clitic.ends_with('ل') && not_word) {
            0
        } else {
            f.zipf
        };
        score -= match zipf {
            z if z >= 450 => 3.0,
            z if z >= COMMON_ZIPF => 2.0,
            _ => 0.0,
        } - if after_hayy && zipf >= COMMON_ZIPF {
            1.0
        } else {
            0.0
        };
        // a frequent word that names only a lesser town outside the Arab world is the word
        // («من ليل أمس»: night, not Lille), unless a place word or hashtag says otherwise
        // (nor does a hashtag in a post: «#كورونا» is the virus, not Corona, California; and a
        // variant spelling of a famous place abroad that is an everyday word is the word:
        // «#سيول» floods, not Seoul, which is written «سول»)
        let variant_word_abroad = |r: &NameRef| {
            let p = &gaz.places()[r.place as usize];
            !r.canonical
                && f.zipf >= COMMON_ZIPF
                && p.kind != crate::gazetteer::PlaceKind::Country
                && !crate::gazetteer::is_arab_country(&p.country)
        };
        // (a name frequent only as a place abroad is no word: «تفجير قندهار»)
        let abroad_zipf = if not_word { 0 } else { f.zipf };
        let word_abroad = |r: &NameRef| {
            frequent_word_abroad(abroad_zipf, &gaz.places()[r.place as usize])
                || variant_word_abroad(r)
        };
        // (the hashtag rule spares the neighbours Arabic news covers as closely: «#القدس»)
        let near_east =
            |r: &NameRef| matches!(&*gaz.places()[r.place as usize].country, "IL" | "IR" | "TR");
        if (matches!(cue, "preposition" | "name" | "attack_object")
            && f.refs.iter().all(word_abroad))
            || (cue == "hashtag"
                && trigger.is_none()
                && f.refs.iter().all(|r| word_abroad(r) && !near_east(r)))
        {
            // (nor does a list of places vouch for it: «القامشلي، ليل أمس»)
            score = score.min(-2.0);
        }
        if f.zipf == 0 && letters >= 5 && !f.multiword {
            score += 0.5;
        }
        // short names collide with ordinary words, unless the place is well known (less so
        // after a place word: «مديرية حرض», «بلدة حيش»)
        if sal < 2.0 {
            if letters <= 3 {
                score -= if trigger.is_some() { 0.5 } else { 1.5 };
            } else if letters == 4 {
                score -= 0.5;
            }
        }
        // «لجنة», «بجروح»: a frequent word that only looks like clitic + name
        let whole = &folded[tokens[f.tok_first].start..f.kend];
        if !f.clitic.is_empty()
            && sal < 2.0
            && common_words().get(whole).copied().unwrap_or(0) >= COMMON_ZIPF
        {
            score -= 1.5;
        }
        // «قامت السيول بجرفه»: after «قام» (its subject between, or not) the «ب» word is the
        // deed (a verbal noun), no place
        if f.clitic == "ب"
            && !f.hashtag
            && (f.tok_first.saturating_sub(3)..f.tok_first)
                .filter(|&i| tokens[i].start >= s.0)
                .any(|i| {
                    matches!(
                        word(i),
                        "قام"
                            | "قامت"
                            | "قاموا"
                            | "يقوم"
                            | "تقوم"
                            | "يقومون"
                            | "وقام"
                            | "وقامت"
                    )
                })
        {
            score = f64::NEG_INFINITY;
        }
        // a trigger word itself («مدينة», «المدينة») is never the name, nor is a word of the
        // attack lexicon («برميلان» is not ب + رميلان)
        // (after a place word a name may look like one: «مديرية الجراحي», «قرية جراح»)
        if !f.multiword
            && (trigger_of(&folded[f.wstart..f.kend]).is_some()
                || (is_lexicon_word(whole) && trigger.is_none() && !f.hashtag)
                || (!f.hashtag
                    && f.zipf >= 400
                    && crate::word_list!(super::lexicon::FUNCTION_WORDS).contains(whole)))
        {
            score = f64::NEG_INFINITY;
        }
        // «مدنين», «عراقين»: the plural of a person noun written with one «ي» («مقتل ٦ مدنين»)
        // is a casualty word, not a town (Medenine needs a place word or a hashtag)
        if !f.multiword && !f.hashtag && trigger.is_none() && is_person_plural(&f.key) {
            score = f64::NEG_INFINITY;
        }
        // «قريتين», «بلدتين»: the dual of a place word («two villages») is no name (the town
        // al-Qaryatayn is written with the article, or after a place word or as a hashtag)
        if !f.multiword
            && !f.article
            && !f.hashtag
            && trigger.is_none()
            && is_dual_of_place_word(&f.key)
        {
            score = f64::NEG_INFINITY;
        }
        // «الأحياء الشمالية», «المناطق الشرقية», «الريف الغربي»: a compass adjective after a
        // place word with the article describes, it does not name
        if !f.multiword
            && f.clitic.is_empty()
            && prev.is_some_and(|p| word(p).starts_with("ال") && trigger_of(word(p)).is_some())
            && is_compass_adjective(&f.key)
        {
            score = f64::NEG_INFINITY;
        }
        // «حي وادي الذهب»: the bare form of a name listed with the article, followed by a word
        // with the article, heads a longer name the gazetteer lacks (not «الوادي»)
        let next = tokens
            .get(f.tok_last + 1)
            .filter(|t| t.start < s.1 && &folded[tokens[f.tok_last].end..t.start] == " ");
        if !f.article
            && !f.multiword
            && !f.hashtag
            && f.clitic.is_empty()
            && f.refs.iter().all(|r| r.article)
            && next.is_some_and(|t| folded[t.start..t.end].starts_with("ال"))
        {
            score = f64::NEG_INFINITY;
        }
        // a name in a form the gazetteer does not list needs a place word, a hashtag or a list
        // («القاطرجي -الميسر-قاضي عسكر-بعيدين»): the bare form of a name listed with the
        // article, when it is a frequent word («من جزيرة تحت سيطرته», an island, is no
        // «الجزيرة»), or a name listed without the article written with it («الصفصافية»)
        // (and, frequent or not, when nothing but the name is there: «هطولات مطرية», rainy, is
        // no «المطرية»; «بردية», a hailstorm, no «البردية»)
        let unlisted_form = f.added_article
            || (!f.article
                && !f.multiword
                && (f.zipf >= COMMON_ZIPF || cue == "name")
                && f.refs.iter().all(|r| r.article));
        if unlisted_form && !f.hashtag && trigger.is_none() {
            score = score.min(1.0);
        }
        // «فاعور» (a surname) is no ف + «الأعور»: a name the gazetteer writes with the article
        // takes a clitic only together with the article («فالأعور», «بالصاخور»)
        if !f.clitic.is_empty()
            && !f.article
            && !f.hashtag
            && !f.multiword
            && f.refs.iter().all(|r| r.article)
        {
            score -= 2.0;
        }
        // «سوق مدينة معرة النعمان»: a name of trigger words only («سوق المدينة») is generic
        if f.multiword && f.key.split(' ').all(|w| trigger_of(w).is_some()) {
            score = f64::NEG_INFINITY;
        }
        let ok = score >= 2.0;
        out.push((
            Accepted {
                found: f,
                trigger,
                prep,
                cue,
                score,
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
            // hopeless candidates (a trigger word, a frequent word with no support) stay out
            if out[i].0.score < -1.5 {
                continue;
            }
            let neighbour = |j: usize| -> bool {
                if !out[j].1 {
                    return false;
                }
                let (a, b) = if j < i { (j, i) } else { (i, j) };
                let (fa, fb) = (&out[a].0.found, &out[b].0.found);
                // «كفرسجنة و الشيخ مصطفى»: posts often write the «و» apart
                let loose_and = fb.tok_first == fa.tok_last + 2 && word(fa.tok_last + 1) == "و";
                if fb.tok_first != fa.tok_last + 1 && !loose_and {
                    return false;
                }
                let between = &folded[tokens[fa.tok_last].end..tokens[fb.tok_first].start];
                // («مدينتي (الحراك) و(طفس)», «"داعل"، "إنحل"»: names in brackets or quotes)
                let marks = |c: char| "()[]\"«»“”'".contains(c);
                if loose_and {
                    return between
                        .chars()
                        .all(|c| c.is_whitespace() || c == 'و' || marks(c));
                }
                // «أحياء الانصاري المشهد السكري»: after a plural place word, names may follow
                // one another with a space only
                if j == a
                    && between == " "
                    && out[a].0.trigger.is_some_and(|(t, _)| {
                        matches!(t, "احياء" | "حيي" | "قري" | "بلدات" | "قريتي" | "بلدتي")
                    })
                {
                    return true;
                }
                let sep_ok = between
                    .chars()
                    .all(|c| c.is_whitespace() || "،,-/\\+#–".contains(c) || marks(c));
                sep_ok
                    && (between.chars().any(|c| "،,-/–".contains(c))
                        || fb.clitic == "و"
                        || fb.hashtag)
            };
            let from = if i > 0 && neighbour(i - 1) {
                Some(i - 1)
            } else if i + 1 < out.len() && neighbour(i + 1) {
                Some(i + 1)
            } else {
                None
            };
            if let Some(j) = from {
                out[i].1 = true;
                out[i].0.cue = "list";
                if out[i].0.trigger.is_none() {
                    out[i].0.trigger = out[j].0.trigger;
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    accept_by_focus(&mut out, gaz);
    accept_long_lists(&mut out, folded, tokens, sents, gaz);
    accept_list_items(&mut out, folded, tokens, sents, gaz);
    out.into_iter()
        .filter(|(_, ok)| *ok)
        .map(|(a, _)| a)
        .collect()
}

/// A village, town or neighbourhood: what lists of places name.
fn is_settlement(gaz: &Gazetteer, q: usize) -> bool {
    use crate::gazetteer::PlaceKind;
    matches!(
        gaz.places()[q].kind,
        PlaceKind::Village | PlaceKind::Town | PlaceKind::Neighbourhood
    )
}

/// «قرى الحويجة والحويز وجسر بيت الراس وشهرناز»: a long list after a plural place word
/// («قرى», «بلدات», «أحياء») goes on through names the gazetteer lacks; a rare word joined by
/// «و» that names a village or town in it is a name.
fn accept_long_lists(
    out: &mut [(Accepted, bool)],
    folded: &str,
    tokens: &[Token],
    sents: &[(usize, usize)],
    gaz: &Gazetteer,
) {
    use crate::gazetteer::PlaceKind;
    let settlement = |q: usize| is_settlement(gaz, q);
    // rare words first; then a frequent word in the list names a village only next to the
    // settlements taken in its sentence («وقرى حصرايا ولطمين والأربعين والتوبة»: the Hama
    // villages, not «the forty», «repentance»)
    for frequent in [false, true] {
        let taken: Vec<(usize, usize)> = if frequent {
            out.iter()
                .filter(|(_, ok)| *ok)
                .flat_map(|(a, _)| {
                    let si = sentence_of(sents, a.found.wstart);
                    a.found.refs.iter().map(move |r| (si, r.place as usize))
                })
                .filter(|&(_, q)| settlement(q) || gaz.places()[q].kind == PlaceKind::City)
                .collect()
        } else {
            Vec::new()
        };
        for (a, ok) in out.iter_mut() {
            let f = &a.found;
            if *ok || f.clitic != "و" || f.hashtag || (f.zipf != 0) != frequent {
                continue;
            }
            if a.score < if frequent { -3.0 } else { 0.0 } {
                continue;
            }
            if !f.refs.iter().any(|r| settlement(r.place as usize)) {
                continue;
            }
            let si = sentence_of(sents, f.wstart);
            if frequent {
                let near = f.refs.iter().any(|r| {
                    let p = r.place as usize;
                    settlement(p)
                        && taken.iter().any(|&(s, q)| {
                            s == si && q != p && super::resolve::km(gaz, p, q) <= 25.0
                        })
                });
                if !near {
                    continue;
                }
            }
            let s0 = sents.get(si).map(|s| s.0).unwrap_or(0);
            let head = (f.tok_first.saturating_sub(14)..f.tok_first)
                .rev()
                .take_while(|&j| tokens[j].start >= s0)
                .find(|&j| {
                    let w = &folded[tokens[j].start..tokens[j].end];
                    stems(w).any(|x| super::lexicon::PLACE_PLURALS.contains(&x))
                });
            // the words between are the list: no verb-like break («،» and «و» only join)
            if let Some(h) = head {
                let between = &folded[tokens[h].end..tokens[f.tok_first].start];
                if !between.contains(['.', ':', '؛']) {
                    *ok = true;
                    a.cue = "list";
                }
            }
        }
    }
}

/// «في دير جمال، أبين، الصواغنة، كشتعار»، «بلدة القراصي وخان طومان»: a rare word that
/// names a village or town, standing as an item of a list («،» or «و» before it) whose items
/// lead back, through at most three names the gazetteer lacks, to a place taken or to a
/// place word. The items are short (up to three words) and no sentence mark stands between.
/// A well-known city whose name is a frequent word counts only next to a place taken.
fn accept_list_items(
    out: &mut [(Accepted, bool)],
    folded: &str,
    tokens: &[Token],
    sents: &[(usize, usize)],
    gaz: &Gazetteer,
) {
    use crate::gazetteer::PlaceKind;
    let settlement = |q: usize| is_settlement(gaz, q);
    let mut taken: Vec<bool> = vec![false; tokens.len()];
    for (a, ok) in out.iter() {
        if *ok {
            for t in taken
                .iter_mut()
                .take(a.found.tok_last + 1)
                .skip(a.found.tok_first)
            {
                *t = true;
            }
        }
    }
    let comma_before = |j: usize| {
        j > 0 && folded[tokens[j - 1].end..tokens[j].start].contains(['،', ',', '-', '/'])
    };
    let word = |j: usize| &folded[tokens[j].start..tokens[j].end];
    // «و» opens an item when it is a clitic on a word of at least three more letters
    let and_before = |j: usize| {
        let w = word(j);
        w.starts_with('و') && w.chars().count() >= 4
    };
    // a city well known enough that its name is a frequent word because of it («دمشق وريفها
    // والسويداء»): only next to a place taken, not after a place word alone
    let notable_city = |f: &Found| {
        f.refs.iter().any(|r| {
            let p = &gaz.places()[r.place as usize];
            p.kind == PlaceKind::City
                && salience(p) >= 1.5
                && crate::gazetteer::is_arab_country(&p.country)
        })
    };
    for (a, ok) in out.iter_mut() {
        let f = &a.found;
        let frequent_city = f.zipf != 0 && notable_city(f);
        if *ok || f.hashtag || (f.zipf != 0 && !frequent_city) || a.score < 0.0 {
            continue;
        }
        if !matches!(f.clitic, "" | "و") || (f.clitic.is_empty() && !comma_before(f.tok_first)) {
            continue;
        }
        if !frequent_city && !f.refs.iter().any(|r| settlement(r.place as usize)) {
            continue;
        }
        let s0 = sents[sentence_of(sents, f.wstart)].0;
        let mut j = f.tok_first;
        let mut items = 0;
        let mut item_len = 0;
        let mut reached = false;
        let max_items = if frequent_city { 1 } else { 3 };
        while j > 0 && tokens[j - 1].start >= s0 && items <= max_items {
            let gap = &folded[tokens[j - 1].end..tokens[j].start];
            if gap.contains(['.', ':', '؛']) {
                break;
            }
            j -= 1;
            if taken[j] || (!frequent_city && trigger_of(word(j)).is_some()) {
                reached = true;
                break;
            }
            if tokens[j].numeric {
                break;
            }
            item_len += 1;
            if item_len > 3 {
                break;
            }
            if comma_before(j) || and_before(j) {
                items += 1;
                item_len = 0;
            }
        }
        if reached {
            *ok = true;
            a.cue = "list";
        }
    }
}

/// The document's focus vouches for a city abroad whose name is also a word: in a report
/// that names Aden, «بمأرب» is Marib (not «مآرب», aims). Only cities of a country the
/// accepted names point to without doubt, and only after a preposition or a place word.
fn accept_by_focus(out: &mut [(Accepted, bool)], gaz: &Gazetteer) {
    use crate::gazetteer::PlaceKind;
    let places = gaz.places();
    let country_of = |r: &NameRef| -> &str { &places[r.place as usize].country };
    let mut focus: Vec<&str> = Vec::new();
    for (a, ok) in out.iter() {
        let Some(first) = a.found.refs.first() else {
            continue;
        };
        let c = country_of(first);
        if *ok
            && c != "SY"
            && a.found.refs.iter().all(|r| country_of(r) == c)
            && !focus.contains(&c)
        {
            focus.push(c);
        }
    }
    if focus.is_empty() {
        return;
    }
    for (a, ok) in out.iter_mut() {
        // (not a form the gazetteer does not list: «بالمدنين» is no Medenine, whatever the focus)
        if *ok || a.score < 0.0 || !(a.prep || a.trigger.is_some()) || a.found.added_article {
            continue;
        }
        let city = a.found.refs.iter().any(|r| {
            let p = &places[r.place as usize];
            p.kind == PlaceKind::City && focus.contains(&p.country.as_ref())
        });
        if city {
            *ok = true;
            a.cue = "focus";
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The clitic letters compared as bytes are the letters' UTF-8.
    #[test]
    fn clitic_letters_as_bytes() {
        for (b, c) in [(WAW, 'و'), (FA, 'ف'), (BA, 'ب'), (LAM, 'ل'), (KAF, 'ك')] {
            assert_eq!(&b[..], c.to_string().as_bytes());
        }
        let forms: Vec<&str> = clitic_forms("وبالقصف").collect();
        assert_eq!(forms, ["وبالقصف", "بالقصف", "القصف"]);
        assert_eq!(clitic_forms("وب").collect::<Vec<_>>(), ["وب"]);
    }
}
