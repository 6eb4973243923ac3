//! Casualty claims: numbers (digits or words) tied to a death or wound word, with their
//! qualifier and the source that gave them.

use super::types::{Claim, Qualifier};
use crate::geoparse::matcher::clitic_forms;
use crate::geoparse::Token;
use crate::text::words::WordList;

/// Number words (folded) and their values.
pub const NUMBER_WORDS: &[(&str, u64)] = &[
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتين", 2),
    ("اثنتان", 2),
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("عشر", 10),
    ("عشره", 10),
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثون", 30),
    ("ثلاثين", 30),
    ("اربعون", 40),
    ("اربعين", 40),
    ("خمسون", 50),
    ("خمسين", 50),
    ("ميه", 100),
    ("مايه", 100),
    ("ميتين", 200),
    ("ميتان", 200),
    ("مايتين", 200),
    ("ثلاثميه", 300),
    ("ثلاثمايه", 300),
    ("اربعميه", 400),
    ("اربعمايه", 400),
    ("خمسميه", 500),
    ("خمسمايه", 500),
    ("الف", 1000),
];

/// Dual nouns that count two people.
pub const DUALS: &[&str] = &[
    "شخصان",
    "شخصين",
    "طفلان",
    "طفلين",
    "شهيدان",
    "شهيدين",
    "قتيلان",
    "قتيلين",
    "جريحان",
    "جريحين",
    "مدنيان",
    "مدنيين",
    "رجلان",
    "امراتان",
    "شقيقان",
    "فلسطينيان",
    "فلسطينيين",
    "سوريان",
    "عراقيان",
    "مصابان",
    "جنديان",
    "جنديين",
    "عنصران",
    "عنصرين",
    "رجلين",
    "امراتين",
    "سيدتين",
    "طفلتين",
    "شابين",
    "شقيقين",
];

/// Nouns that count people («6 أشخاص», «5 أطفال»).
pub const PERSON_NOUNS: &[&str] = &[
    "اشخاص",
    "شخص",
    "مدني",
    "اطفال",
    "طفل",
    "نساء",
    "امراه",
    "رجال",
    "فلسطيني",
    "سوري",
    "عراقي",
    "يمني",
    "عناصر",
    "عنصر",
    "جنود",
    "جندي",
    "مقاتل",
    "مواطن",
    "افراد",
    "ضحايا",
];

/// Vague quantities: kept as claims without a value.
pub const VAGUE: &[&str] = &[
    "عشرات",
    "العشرات",
    "العديد",
    "عده",
    "بضع",
    "بضعه",
    "ميات",
    "الميات",
    "عدد",
];

/// Words that make a number a death toll (matched as word prefixes).
pub const DEATH_WORDS: &[&str] = &[
    "قتل",
    "قتلي",
    "قتيل",
    "مقتل",
    "قتلوا",
    "شهيد",
    "شهداء",
    "استشهاد",
    "استشهد",
    "ارتقاء",
    "مصرع",
    "يقتل",
    "تقتل",
    "قتلت",
    "ضحايا",
    "ضحيه",
    "ضحيتها",
    "وفاه",
    "بحياه",
    "الشهداء",
    "القتلي",
    "الشهيد",
    "شهيدا",
    // «يخلف 5 شهدا»: posts drop the final hamza
    "شهدا",
    "الشهدا",
    // «انتشلت جثث 3 أطفال»
    "جثث",
    "جثامين",
];

/// Words that make a number a wound toll.
pub const WOUND_WORDS: &[&str] = &[
    "جريح",
    "جرحي",
    "الجرحي",
    "جرح",
    "اصابه",
    "اصابات",
    "مصاب",
    "مصابين",
    "المصابين",
    "اصيب",
    "اصيبوا",
    "بجروح",
    "جراح",
    "بجراح",
];

/// Words after a number that make it something else (16 حيا, 175 كيلومترا, 40 غارة).
pub const UNIT_WORDS: &[&str] = &[
    "حي",
    "حيا",
    "احياء",
    "عام",
    "عاما",
    "سنه",
    "سنوات",
    "كيلومتر",
    "كيلومترا",
    "كم",
    "متر",
    "مترا",
    "امتار",
    "غاره",
    "غارات",
    "برميل",
    "برميلا",
    "براميل",
    "صاروخ",
    "صاروخا",
    "صواريخ",
    "قذيفه",
    "قذايف",
    "ساعه",
    "ساعات",
    "دقيقه",
    "دقايق",
    "يوم",
    "يوما",
    "ايام",
    "مره",
    "مرات",
    "شهر",
    "اشهر",
    "اسبوع",
    "دولار",
    "مليون",
    "مليار",
    "بالميه",
    "بالمايه",
    "عنصرا",
    "طايره",
    "غارتين",
    "مسيحيا",
    "سنيا",
    "زوارق",
];

/// Words that introduce who gave a figure.
pub const SPEECH_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "افاد",
    "افادت",
    "ذكر",
    "ذكرت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "حسب",
    "بحسب",
    "وفق",
    "وفقا",
    "نقلا",
    "اشار",
    "اشارت",
    "اوضح",
    "اوضحت",
    "اضاف",
    "اضافت",
    "اكد",
];

fn word<'a>(f: &'a str, t: &Token) -> &'a str {
    &f[t.start..t.end]
}

/// Does a form of `w` (clitics or article off) begin with a word of `list`, at most 8 bytes
/// (four letters) longer than it?
fn matches_any(w: &str, list: &'static WordList) -> bool {
    let at = list as *const WordList as usize;
    crate::text::words::remembered(crate::text::words::Asked::Casualty, at, 0, w, || {
        // («للإصابة»: «ل» before the article drops its alef)
        clitic_forms(w)
            .chain(w.strip_prefix("ال"))
            .chain(w.strip_prefix("وال"))
            .chain(w.strip_prefix("لل"))
            .chain(w.strip_prefix("ولل"))
            .any(|f| list.prefix_of(f, 8))
    })
}

/// [`DEATH_WORDS`], compiled once for the whole program.
pub fn death_words() -> &'static WordList {
    crate::word_list!(DEATH_WORDS)
}

/// [`WOUND_WORDS`], compiled once for the whole program.
pub fn wound_words() -> &'static WordList {
    crate::word_list!(WOUND_WORDS)
}

/// [`PERSON_NOUNS`], compiled once for the whole program.
pub fn person_nouns() -> &'static WordList {
    crate::word_list!(PERSON_NOUNS)
}

/// Number words, duals and vague words by their folded form (clitics and article stripped at
/// lookup time).
fn quantity_words() -> &'static FastMap<&'static str, Option<u64>> {
    static M: std::sync::OnceLock<FastMap<&'static str, Option<u64>>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut m = FastMap::default();
        for &(w, v) in NUMBER_WORDS {
            m.insert(w, Some(v));
        }
        m
    })
}

/// The distinct last two bytes of the number words (none when a number word is shorter).
fn number_word_ends() -> Option<&'static [[u8; 2]]> {
    static E: std::sync::OnceLock<Option<Vec<[u8; 2]>>> = std::sync::OnceLock::new();
    E.get_or_init(|| {
        let mut ends = Vec::new();
        for &(w, _) in NUMBER_WORDS {
            let l = *w.as_bytes().last_chunk::<2>()?;
            if !ends.contains(&l) {
                ends.push(l);
            }
        }
        Some(ends)
    })
    .as_deref()
}

/// A number found in text, before deciding whether it counts casualties.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub tok: usize,
    /// Last token that is part of the quantity.
    pub tok_end: usize,
    pub value: Option<u64>,
    pub qualifier: Qualifier,
}

type WordSet = std::collections::HashSet<&'static str, foldhash::fast::FixedState>;
type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// (duals, vague words) as hash sets: every token is looked up in both.
fn word_sets() -> &'static (WordSet, WordSet) {
    static S: std::sync::OnceLock<(WordSet, WordSet)> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        (
            DUALS.iter().copied().collect(),
            VAGUE.iter().copied().collect(),
        )
    })
}

pub fn number_word(w: &str) -> Option<u64> {
    // (each form looked up is a tail of the word: a word that ends in no number word's last
    // two bytes is none, told without hashing its forms; asked for most words of a report)
    if let Some(ends) = number_word_ends() {
        if !w
            .as_bytes()
            .last_chunk::<2>()
            .is_some_and(|l| ends.contains(l))
        {
            return None;
        }
    }
    let m = quantity_words();
    clitic_forms(w).find_map(|f| {
        m.get(f)
            .or_else(|| f.strip_prefix("ال").and_then(|r| m.get(r)))
            .copied()
            .flatten()
    })
}

/// Every quantity in a token range, with qualifiers from the words around it.
pub fn quantities(f: &str, tokens: &[Token], range: (usize, usize)) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut breakdown_end: Option<usize> = None;
    let (a, b) = range;
    let mut i = a;
    while i < b {
        let t = &tokens[i];
        let w = word(f, t);
        let mut q: Option<(Option<u64>, usize)> = None;
        // «و1اكثر»: a digit glued between letters is a typo, not a figure
        let glued_both = t.numeric
            && f[..t.start]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_letter)
            && f[t.end..]
                .chars()
                .next()
                .is_some_and(crate::text::is_letter);
        if glued_both {
            i += 1;
            continue;
        }
        // «عرف منهم : 1_ زكريا …»: an enumeration index, not a figure
        if t.numeric && (i == a || f[..t.start].trim_end().ends_with(':')) {
            let next = (i + 1 < b).then(|| word(f, &tokens[i + 1]));
            let counts_people = next.is_some_and(|n| {
                matches_any(n, person_nouns())
                    || matches_any(n, death_words())
                    || matches_any(n, wound_words())
            });
            if !counts_people {
                i += 1;
                continue;
            }
        }
        if t.numeric {
            let v = w.parse::<u64>().ok();
            // «230 الف», «1.5 مليون» are not people counts we read; «5 آلاف» is
            let mut end = i;
            let mut val = v;
            if i + 1 < b && matches!(word(f, &tokens[i + 1]), "الف" | "الاف") {
                val = v.map(|x| x * 1000);
                end = i + 1;
            }
            // thousands written with a comma or dot: skip decimals entirely
            let next_char = f[t.end..].chars().next();
            if matches!(next_char, Some('.') | Some(',') | Some(':'))
                && i + 1 < b
                && tokens[i + 1].numeric
                && tokens[i + 1].start == t.end + 1
            {
                i += 2;
                continue;
            }
            q = Some((val, end));
        } else if let Some(v) = (i + 1 < b && matches!(word(f, &tokens[i + 1]), "عشر" | "عشره"))
            .then(|| match w.strip_prefix('و').unwrap_or(w) {
                // «أحد عشر», «اثنا عشر»: «أحد» alone is «one of» or Sunday, not a figure
                "احد" | "احدي" => Some(11),
                "اثنا" | "اثني" | "اثنتا" | "اثنتي" => Some(12),
                _ => None,
            })
            .flatten()
        {
            q = Some((Some(v), i + 1));
        } else if let Some(v) = number_word(w) {
            let mut val = v;
            let mut end = i;
            // «أحد عشر», «خمسة عشر», «خمس وعشرون»
            if i + 1 < b {
                let nw = word(f, &tokens[i + 1]);
                if nw == "عشر" || nw == "عشره" {
                    val = v + 10;
                    end = i + 1;
                } else if let Some(tens) = nw.strip_prefix('و').and_then(number_word) {
                    if tens >= 20 && v < 10 {
                        val = v + tens;
                        end = i + 1;
                    }
                }
            }
            q = Some((Some(val), end));
        } else if clitic_forms(w).any(|x| word_sets().0.contains(x))
            // «تسعة مدنيين», «عشرات المدنيين»: a plural counted by the word before, not a dual
            && !(i > a && {
                let p = word(f, &tokens[i - 1]);
                tokens[i - 1].numeric
                    || number_word(p).is_some()
                    || clitic_forms(p).any(|x| word_sets().1.contains(x))
            })
        {
            q = Some((Some(2), i));
        } else if clitic_forms(w).any(|x| word_sets().1.contains(x))
            && (!matches!(w, "عدد" | "عده") || (i + 1 < b && word(f, &tokens[i + 1]) == "من"))
        {
            q = Some((None, i));
        }
        // «10 قتلى بينهم 4 أطفال و3 نساء»: a breakdown of the figure before it, not a toll of
        // its own (and what «و» adds to it right after)
        let breakdown = q.is_some()
            && i > a
            && (matches!(
                word(f, &tokens[i - 1]),
                "بينهم" | "منهم" | "بينهن" | "منهن" | "بينهما" | "منهما"
            ) || (breakdown_end.is_some_and(|e| i <= e + 3)
                && (word(f, &tokens[i - 1]) == "و" || w.starts_with('و'))));
        if breakdown {
            let end = q.map(|(_, end)| end).unwrap_or(i);
            breakdown_end = Some(end + 1);
            i = end + 1;
            continue;
        }
        if let Some((value, end)) = q {
            let before: Vec<&str> = (a.max(i.saturating_sub(3))..i)
                .rev()
                .map(|j| word(f, &tokens[j]))
                .collect();
            let after: Vec<&str> = (end + 1..b.min(end + 5))
                .map(|j| word(f, &tokens[j]))
                .collect();
            let b0 = before.first().copied().unwrap_or("");
            let b1 = before.get(1).copied().unwrap_or("");
            let glued =
                f[..t.start].ends_with("اكثر من") || f[..t.start].trim_end().ends_with("اكثر من");
            let qualifier = if value.is_none() {
                Qualifier::Vague
            } else if (b0 == "من" && matches!(b1, "اكثر" | "واكثر" | "ازيد"))
                || glued
                || matches!(b0, "يتجاوز" | "تجاوز" | "يزيد" | "يفوق")
                || before
                    .iter()
                    .any(|w| matches!(*w, "يتجاوز" | "تجاوز" | "يفوق"))
                || (b0 == "عن" && matches!(b1, "يزيد" | "تزيد"))
            {
                Qualifier::MoreThan
            } else if (b0 == "عن" && matches!(b1, "يقل" | "تقل"))
                || after
                    .windows(2)
                    .take(3)
                    .any(|x| x[0] == "علي" && x[1] == "الاقل")
            {
                Qualifier::AtLeast
            } else if matches!(b0, "حوالي" | "نحو" | "قرابه" | "زهاء" | "يقارب" | "تقريبا")
            {
                Qualifier::Approx
            } else {
                Qualifier::Exact
            };
            out.push(Quantity {
                tok: i,
                tok_end: end,
                value,
                qualifier,
            });
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Killed,
    Wounded,
}

/// Claims in a token range (usually a sentence): each quantity is tied to the nearest death
/// or wound word (up to 4 words after or 3 before, not across another quantity).
pub fn claims_in(f: &str, tokens: &[Token], range: (usize, usize)) -> Vec<(Count, Claim)> {
    let qs = quantities(f, tokens, range);
    let mut out = named_victims(f, tokens, range);
    // a named victim counts only where the text gives no figure of its own for the same
    // count («استشهاد 3 أطفال وإصابة امرأة»: the woman is the wounded toll)
    let figures = qs.iter().any(|q| q.value.is_some());
    let mut singles = Vec::new();
    if figures {
        let (many, one): (Vec<_>, Vec<_>) =
            out.into_iter().partition(|(_, c)| c.value.unwrap_or(0) > 1);
        out = many;
        singles = one;
    }
    let named_spans: Vec<(usize, usize)> = out
        .iter()
        .map(|(_, c)| {
            let s = f.find(c.text.as_str()).unwrap_or(0);
            (s, s + c.text.len())
        })
        .collect();
    for (k, q) in qs.iter().enumerate() {
        let at = tokens[q.tok].start;
        if named_spans.iter().any(|&(a, b)| a <= at && at < b) {
            continue;
        }
        // «(7) سبعة من رجال حرس الحدود», «مدنيين اثنين»: a figure written again right after
        // is one figure, read once with both writings as its words
        let again = |i: usize| {
            qs.get(i + 1).is_some_and(|x| {
                x.tok == qs[i].tok_end + 1 && x.value.is_some() && x.value == qs[i].value
            })
        };
        if k > 0 && again(k - 1) {
            continue;
        }
        let rep = again(k);
        let tok_end = if rep { qs[k + 1].tok_end } else { q.tok_end };
        let next_q = qs
            .get(k + 1 + usize::from(rep))
            .map(|x| x.tok)
            .unwrap_or(range.1);
        let prev_q = if k > 0 {
            qs[k - 1].tok_end + 1
        } else {
            range.0
        };
        // the word right after a number may be a unit: then it is not a casualty figure
        if tok_end + 1 < range.1 {
            let w = word(f, &tokens[tok_end + 1]);
            if clitic_forms(w).any(|x| crate::word_list!(UNIT_WORDS).contains(x)) {
                continue;
            }
        }
        // a date's parts are numbers too
        if tokens[q.tok].numeric {
            let w = word(f, &tokens[q.tok]);
            if w.len() == 4 && w.starts_with(['1', '2']) {
                continue;
            }
        }
        let self_noun = DUALS
            .iter()
            .any(|d| clitic_forms(word(f, &tokens[q.tok])).any(|x| x == *d));
        // «سقط قتيلان وأصيب 30»: a dual of «قتيل» or «جريح» says what it counts itself
        let own = self_noun.then(|| word(f, &tokens[q.tok])).and_then(|w| {
            if matches_any(w, death_words()) {
                Some(Count::Killed)
            } else if matches_any(w, wound_words()) {
                Some(Count::Wounded)
            } else {
                None
            }
        });
        let mut best: Option<(usize, Count)> = own.map(|c| (0, c));
        let after_end = if own.is_some() {
            tok_end + 1
        } else {
            next_q.min(tok_end + 6).max(tok_end + 1)
        };
        for (j, t) in tokens.iter().enumerate().take(after_end).skip(tok_end + 1) {
            let w = word(f, t);
            let d = j - tok_end;
            // «قتل 5 وجرح 10»: a verb joined by «و» right before the next figure opens that
            // figure's clause
            if w.starts_with('و') && j + 1 == next_q && j + 1 < range.1 {
                break;
            }
            if matches_any(w, death_words()) {
                best = Some((d, Count::Killed));
                break;
            }
            if matches_any(w, wound_words()) {
                best = Some((d, Count::Wounded));
                break;
            }
        }
        for j in (prev_q.max(q.tok.saturating_sub(3))..q.tok).rev() {
            let w = word(f, &tokens[j]);
            let d = q.tok - j;
            // («… في الشهداء، كما تعرض 7 للإصابة»: «كما» opens a clause of its own)
            if w == "كما" {
                break;
            }
            let c = if matches_any(w, death_words()) {
                Some(Count::Killed)
            } else if matches_any(w, wound_words()) {
                Some(Count::Wounded)
            } else {
                None
            };
            if let Some(c) = c {
                if own.is_none() && best.is_none_or(|(bd, _)| (bd > 1 || self_noun) && d <= bd) {
                    best = Some((d, c));
                }
                break;
            }
        }
        // «وقتل نتيجة للغارة …، 140 شخصا»: a figure of people whose verb opens the clause,
        // further back than the usual three words
        if best.is_none()
            && tok_end + 1 < range.1
            && matches_any(word(f, &tokens[tok_end + 1]), person_nouns())
        {
            for j in (prev_q.max(q.tok.saturating_sub(10))..q.tok.saturating_sub(3)).rev() {
                let w = word(f, &tokens[j]);
                if matches_any(w, death_words()) {
                    best = Some((q.tok - j, Count::Killed));
                    break;
                }
                if matches_any(w, wound_words()) {
                    best = Some((q.tok - j, Count::Wounded));
                    break;
                }
            }
        }
        let Some((_, count)) = best else { continue };
        let text = f[tokens[q.tok].start..tokens[q.tok_end].end].to_string();
        out.push((
            count,
            Claim {
                value: q.value,
                qualifier: q.qualifier,
                source: source_of(f, tokens, range, q.tok),
                text,
            },
        ));
    }
    for (count, claim) in singles {
        if !out.iter().any(|(c, x)| *c == count && x.value.is_some()) {
            out.push((count, claim));
        }
    }
    out
}

/// Titles that make the words after «مقتل», «اغتيال», «استشهاد» one named person.
pub const PERSON_TITLES: &[&str] = &[
    "القيادي",
    "قيادي",
    "زعيم",
    "قايد",
    "المواطن",
    "الطفل",
    "الطفله",
    "الشاب",
    "الصحفي",
    "الناشط",
    "الشيخ",
    "العقيد",
    "اللواء",
    "العميد",
    "المسوول",
    "رييس",
    "الامين",
    "المتحدث",
    "الدكتور",
];

/// Singular nouns for one person: «مقتل مدني», «استشهاد طفل».
const ONE_PERSON: &[&str] = &[
    "مدني",
    "طفل",
    "طفله",
    "شاب",
    "شابه",
    "امراه",
    "سيده",
    "رجل",
    "مواطن",
    "مواطنه",
    "جندي",
    "عنصر",
    "شخص",
    "مسن",
    "مسنه",
    "فتي",
    "فتاه",
    "صحفي",
    "مسعف",
    "ناشط",
];

/// «اغتيال القيادي … صالح العاروري وثلاثة من مرافقيه»: one named person (plus the companions
/// counted after him).
fn named_victims(f: &str, tokens: &[Token], range: (usize, usize)) -> Vec<(Count, Claim)> {
    let mut out = Vec::new();
    for i in range.0..range.1 {
        let w = word(f, &tokens[i]);
        // «وإصابة امرأة»: one person wounded («وإصابة امرأة وطفلها»: and her relatives)
        if i + 1 < range.1
            && ONE_PERSON.contains(&word(f, &tokens[i + 1]))
            && !w.starts_with('ل')
            && stems_any(w, &["اصابه", "جرح", "اصيب", "اصيبت"])
        {
            let (more, last) = kin_after(f, tokens, range, i + 2);
            out.push((
                Count::Wounded,
                Claim {
                    value: Some(1 + more),
                    qualifier: Qualifier::Exact,
                    source: source_of(f, tokens, range, i),
                    text: f[tokens[i].start..tokens[last].end].to_string(),
                },
            ));
            continue;
        }
        let Some(next) = (i + 1 < range.1).then(|| word(f, &tokens[i + 1])) else {
            continue;
        };
        // «قُتل طفل», «استشهد شاب»: the verb before one person
        // («فقد شاب حياته», «فقدان شاب حياته»: a young man lost his life)
        let lost_life = i + 2 < range.1
            && matches!(
                word(f, &tokens[i + 2]),
                "حياته" | "حياتها" | "لحياته" | "لحياتها"
            )
            && stems_any(w, &["فقد", "فقدان"]);
        let verb_one = ONE_PERSON.contains(&next)
            && (lost_life || stems_any(w, &["قتل", "استشهد", "استشهدت", "قتلت", "توفي"]));
        // «لتصفية قيادي» says what was aimed at, not who died; «ما أدى لاستشهاد طفل» is a toll
        let led_to = i > range.0
            && matches!(
                word(f, &tokens[i - 1]),
                "ادي" | "ادت" | "يودي" | "تودي" | "افضي" | "افضت"
            );
        if !verb_one
            && ((w.starts_with('ل') && !led_to)
                || !stems_any(w, &["مقتل", "اغتيال", "استشهاد", "مصرع"]))
        {
            continue;
        }
        // «استشهاد صالح العاروري واثنين من …»: a name of one to three plain words, then
        // companions, counts the named person too
        let named_with_companions = (i + 2..range.1.min(i + 5)).any(|j| {
            (i + 1..j).all(|k| plain_word(f, &tokens[k]))
                && companions(word(f, &tokens[j])).is_some()
                && j + 1 < range.1
                && word(f, &tokens[j + 1]) == "من"
        });
        // «مقتل مدني وإصابة آخرين»: one person, named by what they were
        let one_person = ONE_PERSON.contains(&next);
        if !PERSON_TITLES.contains(&next) && !named_with_companions && !one_person {
            continue;
        }
        let mut value = 1u64;
        let mut end = i + 1;
        if one_person {
            // (with no relatives, `last` is the person: `end` stays)
            (value, end) = {
                let (more, last) = kin_after(f, tokens, range, i + 2);
                (value + more, last)
            };
        }
        // companions: «و<number> من …» within the next eight words
        for j in end + 1..range.1.min(i + 10) {
            if let Some(n) = companions(word(f, &tokens[j])) {
                if j + 1 < range.1 && word(f, &tokens[j + 1]) == "من" {
                    value += n;
                    end = j;
                }
                break;
            }
        }
        out.push((
            Count::Killed,
            Claim {
                value: Some(value),
                qualifier: Qualifier::Exact,
                source: source_of(f, tokens, range, i),
                text: f[tokens[i].start..tokens[end].end].to_string(),
            },
        ));
    }
    out
}

/// «امرأة وطفلها», «رجل وزوجته وأطفالهما الثلاثة»: the relatives joined by «و» after one
/// person (whose token is `from - 1`), as (how many more people, the last token counted: the
/// person's own when none).
fn kin_after(f: &str, tokens: &[Token], range: (usize, usize), from: usize) -> (u64, usize) {
    const ONE: &[&str] = &[
        "زوجته",
        "زوجها",
        "طفله",
        "طفلها",
        "طفلته",
        "طفلتها",
        "ابنه",
        "ابنها",
        "ابنته",
        "ابنتها",
        "والده",
        "والدته",
        "والدها",
        "والدتها",
        "شقيقه",
        "شقيقها",
        "شقيقته",
        "شقيقتها",
        "اخيه",
        "اخته",
        "اخوه",
        "اخيها",
        "اختها",
        "امه",
        "امها",
        "ابيه",
        "ابوه",
        "ابيها",
        "حفيده",
        "حفيدته",
        "حفيدها",
        "حفيدتها",
    ];
    const TWO: &[&str] = &[
        "طفليه",
        "طفليها",
        "ابنيه",
        "ابنيها",
        "ابنتيه",
        "ابنتيها",
        "شقيقيه",
        "شقيقتيه",
        "طفلتيه",
        "طفلتيها",
    ];
    const MANY: &[&str] = &[
        "اطفاله",
        "اطفالها",
        "اطفالهما",
        "ابنائه",
        "ابنائها",
        "ابنائهما",
        "اولاده",
        "اولادها",
        "اولادهما",
        "بناته",
        "بناتها",
    ];
    let mut more = 0;
    let mut last = from.saturating_sub(1);
    let mut j = from;
    while j < range.1 {
        let Some(w) = word(f, &tokens[j]).strip_prefix('و') else {
            break;
        };
        if ONE.contains(&w) || ONE_PERSON.contains(&w) {
            more += 1;
        } else if TWO.contains(&w) {
            more += 2;
        } else if MANY.contains(&w) {
            // («وأطفالهما الثلاثة»: the plural counts only with its number)
            let Some(n) = tokens
                .get(j + 1)
                .filter(|_| j + 1 < range.1)
                .and_then(|t| number_word(word(f, t).strip_prefix("ال")?))
            else {
                break;
            };
            more += n;
            j += 1;
        } else {
            break;
        }
        last = j;
        j += 1;
    }
    (more, last)
}

/// «وثلاثة», «واثنين», «وشقيقان»: how many companions a «و» + number word adds.
fn companions(t: &str) -> Option<u64> {
    t.strip_prefix('و').and_then(number_word).or_else(|| {
        DUALS
            .iter()
            .any(|d| t.strip_prefix('و') == Some(d))
            .then_some(2)
    })
}

/// A word that can be part of a person's name: no figure, no casualty or person word, no
/// preposition.
fn plain_word(f: &str, t: &Token) -> bool {
    let w = word(f, t);
    !t.numeric
        && number_word(w).is_none()
        && !clitic_forms(w).any(|x| word_sets().0.contains(x) || word_sets().1.contains(x))
        && !matches_any(w, person_nouns())
        && !matches_any(w, death_words())
        && !matches_any(w, wound_words())
        && !matches!(
            w,
            "في" | "علي" | "من" | "الي" | "عن" | "بعد" | "قبل" | "خلال" | "اثر"
        )
}

fn stems_any(w: &str, list: &[&str]) -> bool {
    // (a clitic form is the word or a tail of it, so a word ending in none of the list has
    // none: told by a few byte comparisons, for nearly every word of a sentence)
    list.iter().any(|x| w.ends_with(x)) && clitic_forms(w).any(|f| list.contains(&f))
}

/// Who gave the figure: a speaker before it («وقال المرصد إن …»), else one named after it in
/// its clause («… ومقتل 53 مدنياً، بحسب المرصد السوري»).
fn source_of(f: &str, tokens: &[Token], range: (usize, usize), at: usize) -> String {
    let before = source_before(f, tokens, range.0, at);
    if before != "text" {
        return before;
    }
    const ACCORDING: &[&str] = &["بحسب", "حسب", "حسبما", "وفق", "وفقا", "بحسبما"];
    let end = range.1.min(tokens.len());
    // the first «بحسب» before another figure (which starts its own claim)
    let Some(j) = (at + 1..end)
        .take_while(|&j| !tokens[j].numeric)
        .find(|&j| stems_any(word(f, &tokens[j]), ACCORDING))
    else {
        return before;
    };
    let mut parts = Vec::new();
    for k in j + 1..end {
        let t = &tokens[k];
        let x = word(f, t);
        // («بحسب المرصد السوري ومقره بريطانيا»: «و» opens another phrase)
        let and = !parts.is_empty() && x.starts_with('و') && !x.starts_with("وزار");
        if t.numeric || parts.len() >= 5 || and || matches!(x, "ان" | "انه" | "في" | "من" | "الي")
        {
            break;
        }
        parts.push(x);
        // (the source's name ends at a comma or a full stop)
        if tokens
            .get(k + 1)
            .is_some_and(|n| f[t.end..n.start].contains(['،', ',', '.', '؛']))
        {
            break;
        }
    }
    // (who, not what: «حسب حصيلة أولية», «وفق المعلومات الأولية» name no source)
    let is_head = |h: &str| SOURCE_HEADS.contains(&h.strip_prefix("ال").unwrap_or(h));
    if let Some(first) = parts.first_mut() {
        // («وفقا لوزارة الصحة»: the preposition is no part of the name)
        if let Some(h) = first.strip_prefix('ل').filter(|h| is_head(h)) {
            *first = h;
        }
        if is_head(first) {
            return parts.join(" ");
        }
    }
    before
}

/// First words of who gives a toll after «بحسب», «وفق» (without the article).
const SOURCE_HEADS: &[&str] = &[
    "مرصد",
    "مصادر",
    "مصدر",
    "ناشطون",
    "ناشطين",
    "دفاع",
    "وزاره",
    "وكاله",
    "مراسل",
    "مديريه",
    "هلال",
    "صليب",
    "منظمه",
    "امم",
    "شبكه",
    "مركز",
    "مسؤول",
    "مسوول",
    "مسؤولين",
    "شهود",
    "جيش",
    "تلفزيون",
    "اعلام",
    "وسايل",
    "هييه",
    "لجان",
    "فريق",
    "سلطات",
    "صحه",
];

/// Who gave the figure: the words after the last speech verb before it («وقال المرصد إن …»).
fn source_before(f: &str, tokens: &[Token], from: usize, at: usize) -> String {
    for j in (from..at).rev() {
        let w = word(f, &tokens[j]);
        if clitic_forms(w).any(|x| crate::word_list!(SPEECH_VERBS).contains(x)) {
            let mut parts = Vec::new();
            for t in &tokens[j + 1..at] {
                let x = word(f, t);
                if matches!(x, "ان" | "انه" | "بان" | "لوكاله") || t.numeric || parts.len() >= 6
                {
                    break;
                }
                parts.push(x);
            }
            // «وقال مصدر» / «قالت مصادر»: keep; a bare verb → the text's publisher
            if !parts.is_empty() {
                return parts.join(" ");
            }
        }
    }
    "text".into()
}

/// The conservative best figure (ACLED: the lowest credible number) and the range.
pub fn best(claims: &[Claim]) -> (Option<u64>, Option<u64>, Option<u64>) {
    let vals: Vec<u64> = claims.iter().filter_map(|c| c.value).collect();
    let lo = vals.iter().min().copied();
    let hi = vals.iter().max().copied();
    (lo, lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geoparse::tokenize;
    use crate::text::fold;

    fn claims(s: &str) -> Vec<(Count, Option<u64>, Qualifier)> {
        let f = fold(s);
        let t = tokenize(&f);
        claims_in(&f, &t, (0, t.len()))
            .into_iter()
            .map(|(c, cl)| (c, cl.value, cl.qualifier))
            .collect()
    }

    /// Who gave a figure named after it: a source, not a kind of toll.
    #[test]
    fn source_after_the_figure() {
        let rows: &[(&str, &str)] = &[
            (
                "ومقتل 53 مدنياً على الأقل بحسب المرصد السوري ومقره بريطانيا",
                "المرصد السوري",
            ),
            (
                "قتل 4 مدنيين، وفقا لوزارة الصحة اللبنانية",
                "وزاره الصحه اللبنانيه",
            ),
            ("قتل 4 مدنيين حسب حصيلة أولية", "text"),
            ("وقال الدفاع المدني إن 7 قتلوا بحسب شهود", "الدفاع المدني"),
        ];
        for (text, want) in rows {
            let f = fold(text);
            let t = tokenize(&f);
            let got = claims_in(&f, &t, (0, t.len()));
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1.source, *want, "{text}");
        }
    }

    #[test]
    fn table() {
        use Count::*;
        use Qualifier::*;
        type Row<'a> = (&'a str, &'a [(Count, Option<u64>, Qualifier)]);
        let rows: &[Row] = &[
            (
                "أدى الى وقوع 14 شهيداً وعشرات الجرحى",
                &[(Killed, Some(14), Exact), (Wounded, None, Vague)],
            ),
            (
                "قتل 21 شخصا على الأقل واصيب أكثر من 40 آخرين",
                &[(Killed, Some(21), AtLeast), (Wounded, Some(40), MoreThan)],
            ),
            ("إن 53 مدنيا على الأقل قتلوا", &[(Killed, Some(53), AtLeast)]),
            // a figure written twice is one; «للإصابة» is a wound word; «كما» opens a clause
            (
                "وتقبلهم في الشهداء، كما تعرض (7) سبعة من رجال حرس الحدود للإصابة",
                &[(Wounded, Some(7), Exact)],
            ),
            (
                "ما أدى إلى استشهاد مدنيين اثنين وإصابة آخرين بجروح",
                &[(Killed, Some(2), Exact)],
            ),
            ("قصف عنيف يخلف 5 شهدا", &[(Killed, Some(5), Exact)]),
            (
                "فرقنا انتشلت جثث ٣ أطفال من تحت الأنقاض",
                &[(Killed, Some(3), Exact)],
            ),
            ("واكثر من 10شهداء", &[(Killed, Some(10), MoreThan)]),
            (
                "استشهد فلسطينيان وأصيب خمسة آخرون",
                &[(Killed, Some(2), Exact), (Wounded, Some(5), Exact)],
            ),
            (
                "أربعمئة فلسطيني بين شهيد وجريح",
                &[(Killed, Some(400), Exact)],
            ),
            ("استهدف 16 حيا خاضعا", &[]),
            (
                "قُتِل أحد عشر مدنياً وجرح اثنا عشر آخرون",
                &[(Killed, Some(11), Exact), (Wounded, Some(12), Exact)],
            ),
            (
                "فقد شاب حياته وأصيب طفل بانفجار لغم",
                &[(Killed, Some(1), Exact), (Wounded, Some(1), Exact)],
            ),
            (
                "غارة على منزل ما أدى لاستشهاد طفل",
                &[(Killed, Some(1), Exact)],
            ),
            ("غارة تهدف لتصفية قيادي", &[]),
            (
                "قُتل طفل بانفجار لغم وأصيب شاب",
                &[(Killed, Some(1), Exact), (Wounded, Some(1), Exact)],
            ),
            (
                "سقط قتيلان وأصيب أكثر من 30 آخرين",
                &[(Killed, Some(2), Exact), (Wounded, Some(30), MoreThan)],
            ),
            ("وأسفر القصف عن جريحين", &[(Wounded, Some(2), Exact)]),
            ("مقتل عنصرين من قوات النظام", &[(Killed, Some(2), Exact)]),
            // one person and the relatives joined to them
            (
                "استشهاد امرأة وطفلها جراء القصف",
                &[(Killed, Some(2), Exact)],
            ),
            (
                "استشهاد رجل وزوجته وأطفالهما الثلاثة",
                &[(Killed, Some(5), Exact)],
            ),
            ("وإصابة امرأة وطفليها بجروح", &[(Wounded, Some(3), Exact)]),
            // («وأطفاله» without a number is no count)
            ("استشهاد رجل وأطفاله", &[(Killed, Some(1), Exact)]),
            // a single wounded person beside a killed figure is the wounded toll…
            (
                "استشهاد طفلين وإصابة امرأة",
                &[(Killed, Some(2), Exact), (Wounded, Some(1), Exact)],
            ),
            // …but not beside a wounded figure of its own
            (
                "استشهاد 3 أطفال وإصابة 4 مدنيين بينهم امرأة وإصابة شاب",
                &[(Killed, Some(3), Exact), (Wounded, Some(4), Exact)],
            ),
            // «مدنيين» after a number is a plural, not a dual
            (
                "أن تسعة مدنيين قتلوا بينهم طفلان في القصف",
                &[(Killed, Some(9), Exact)],
            ),
            ("تبعد نحو 175 كيلومترا", &[]),
            ("و اربع شهداء", &[(Killed, Some(4), Exact)]),
            ("مقتل 230 الف قتيل", &[(Killed, Some(230000), Exact)]),
            (
                "اغتيال القيادي في حماس صالح العاروري وثلاثة من مرافقيه",
                &[(Killed, Some(4), Exact)],
            ),
            (
                "استشهاد صالح العاروري واثنين من قادة القسام",
                &[(Killed, Some(3), Exact)],
            ),
            // a verb right before the next figure is that figure's («وجرح 10»)
            (
                "قتل 5 وجرح 10",
                &[(Killed, Some(5), Exact), (Wounded, Some(10), Exact)],
            ),
            // the verb may open the clause, several words before the figure
            (
                "وقتل نتيجة للغارة الجوية، وفقا لبيانات الأمم المتحدة، 140 شخصا، وجرح 525 آخرون",
                &[(Killed, Some(140), Exact), (Wounded, Some(525), Exact)],
            ),
            // …but not for a figure that counts no people
            (
                "قتل في الغارة التي نفذتها الطائرات على المدينة أمس 3 غارات",
                &[],
            ),
            (
                "مقتل مدني وإصابة آخرين برصاص قناص",
                &[(Killed, Some(1), Exact)],
            ),
            // a breakdown («بينهم 9 أطفال و5 نساء») is part of the toll before it
            ("10 قتلى بينهم 4 أطفال", &[(Killed, Some(10), Exact)]),
            (
                "أكثر من 10 مصابين بينهم 9 أطفال و5 نساء",
                &[(Wounded, Some(10), MoreThan)],
            ),
            (
                "استشهاد طفل فلسطيني برصاص الاحتلال",
                &[(Killed, Some(1), Exact)],
            ),
            (
                "سقوط قذيفة على منزل وإصابة امرأة",
                &[(Wounded, Some(1), Exact)],
            ),
            // a dual is a figure of its own, not a name with companions
            (
                "مقتل مدنيين وثلاثة من عناصر الدفاع المدني",
                &[(Killed, Some(2), Exact)],
            ),
            (
                "قتل 3 قتلى و5 جرحى",
                &[(Killed, Some(3), Exact), (Wounded, Some(5), Exact)],
            ),
            (
                "مقتل زعيم تنظيم داعش أبوبكر البغدادي في غارة",
                &[(Killed, Some(1), Exact)],
            ),
        ];
        let wrong: Vec<String> = rows
            .iter()
            .filter(|(s, want)| claims(s) != want.to_vec())
            .map(|(s, want)| format!("{s}: got {:?}, want {want:?}", claims(s)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn source_is_the_speaker() {
        let f = fold("في حين قال المرصد إن عدد القتلى 47");
        let t = tokenize(&f);
        let c = claims_in(&f, &t, (0, t.len()));
        assert_eq!(c[0].1.source, "المرصد");
        assert_eq!(c[0].1.value, Some(47));
    }
}
