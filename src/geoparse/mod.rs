//! Place finding, resolution and roles.
//!
//! 1. [`matcher`]: every gazetteer name is found as whole words in the folded text: each
//!    word's stems (clitics و ف ب ل and the article off) are looked up in an index of the names
//!    by first word.
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
pub mod sites;

use crate::gazetteer::Gazetteer;
use crate::text::dates::DateScan;
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
    /// Where rescuers who came to the attack are based (GOLD.md `responder_base`).
    ResponderBase,
    Hospital,
    LandmarkReference,
    IntendedTarget,
    Dateline,
    /// Where an earlier, different event happened («… رداً على هجوم خان شيخون»).
    OtherEvent,
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
            Role::ResponderBase => "responder_base",
            Role::Hospital => "hospital",
            Role::LandmarkReference => "landmark_reference",
            Role::IntendedTarget => "intended_target",
            Role::Dateline => "dateline",
            Role::OtherEvent => "other_event",
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
        let class = if crate::text::is_letter(c) {
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

/// The tokens lying inside a folded byte span (tokens are sorted, so this is two binary
/// searches rather than a scan).
pub fn tokens_in(tokens: &[Token], span: (usize, usize)) -> &[Token] {
    let a = tokens.partition_point(|t| t.start < span.0);
    let b = tokens.partition_point(|t| t.end <= span.1).max(a);
    &tokens[a..b]
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
                original[a..b].contains('\n') && !wrapped_line(&f[start..i], &original[a..b])
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

/// A line that breaks inside a sentence: hard-wrapped text («استهدف ميناء⏎رأس عيسى»,
/// «العشرات من⏎اليمنيين») ends a line on a preposition, a place word or a verb of the attack,
/// which no sentence ends with. A blank line still ends the sentence.
fn wrapped_line(before: &str, gap: &str) -> bool {
    if gap.matches('\n').count() > 1 {
        return false;
    }
    let last = before.rsplit(' ').next().unwrap_or("");
    !last.is_empty()
        && last.chars().all(|c| c.is_alphabetic())
        && (matcher::is_preposition(last)
            || matcher::trigger_of(last).is_some()
            // (or on a verb of the attack waiting for its object: «… استهدف⏎حي الوعر»)
            || matches!(
                last,
                "استهدف" | "استهدفت" | "يستهدف" | "تستهدف" | "قصف" | "قصفت" | "طال" | "طالت"
            ))
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
    /// The name is not in the gazetteer: the text names it after a trigger («منطقة أرض
    /// الحمرا شمال حلب») and `place` is the container it was placed at (approximate).
    pub unlisted: bool,
}

/// Everything geoparsing learns about one document.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub norm: NormText,
    pub tokens: Vec<Token>,
    pub sentences: Vec<(usize, usize)>,
    pub mentions: Vec<PlaceMention>,
    /// Per sentence: it tells an earlier event («والإثنين الماضي، قتل …»), so its places,
    /// dates and figures are that event's (never the first sentence).
    pub told_earlier: Vec<bool>,
    /// Words right after a place trigger («حي X», «بلدة X») that no gazetteer name covers:
    /// the names a user may want to add with `--gazetteer`.
    pub unresolved: Vec<String>,
    /// The text's dates, scanned once for roles and incidents (`None` when no place was found).
    pub dates: Option<DateScan>,
}

/// Words after a settlement trigger that are not part of any found place.
fn unresolved_names(folded: &str, tokens: &[Token], mentions: &[PlaceMention]) -> Vec<String> {
    const TRIG: [&str; 8] = [
        "حي",
        "بلده",
        "قريه",
        "مدينه",
        "مخيم",
        "منطقه",
        "حيي",
        "بلدتي",
    ];
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let w = &folded[t.start..t.end];
        if !matcher::stems(w).any(|s| TRIG.contains(&s)) || i + 1 >= tokens.len() {
            continue;
        }
        let n = &tokens[i + 1];
        if n.numeric
            || mentions
                .iter()
                .any(|m| m.fstart <= n.start && n.start < m.fend)
        {
            continue;
        }
        // «حي الشيخ جاكير»: keep the article word and the next one when it follows directly
        let mut name = folded[n.start..n.end].to_string();
        if let Some(n2) = tokens.get(i + 2) {
            let gap = &folded[n.end..n2.start];
            if gap == " " && !n2.numeric && name.chars().count() <= 5 {
                name = format!("{name} {}", &folded[n2.start..n2.end]);
            }
        }
        // ordinary words after a trigger («المنطقة الإنسانية», «المدينة التي») are not names
        let common =
            |w: &str| matcher::common_words().get(w).copied().unwrap_or(0) >= matcher::COMMON_ZIPF;
        let words: Vec<&str> = name.split(' ').collect();
        // a preposition, «كان», or a conjunction with a verb starts a clause, not a name
        let clause = {
            let w0 = words[0];
            let bare = w0
                .strip_prefix('و')
                .or_else(|| w0.strip_prefix('ف'))
                .unwrap_or(w0);
            matches!(w0, "في" | "من" | "علي" | "الي" | "عن")
                || matches!(bare, "كان" | "كانت" | "كانوا")
                || (bare != w0 && bare.starts_with(['ي', 'ت', 'ن']))
        };
        let keep = !clause
            && match words.as_slice() {
                [one] => !common(one),
                [a, b] => {
                    !matches!(*a, "التي" | "الذي" | "الذين" | "اللتين" | "وهي" | "وهو")
                        && (!common(a) || a.starts_with("ال") || b.starts_with("ال"))
                }
                _ => false,
            };
        if keep && name.chars().count() >= 3 {
            out.push(name);
        }
    }
    out
}

/// Places the gazetteer lacks, named after a trigger in a sentence reporting an attack and
/// followed by a container the gazetteer knows («منطقة أرض الحمرا شمال حلب», «حي الظهرة وسط
/// العاصمة طرابلس», «مخيم الكمونة بريف إدلب»): an incident placed at the container, flagged
/// approximate (ACLED geo-precision 2–3), instead of a silent miss. The container then wraps it.
/// «حي سكني», «منطقة مكتظة», «قرية مجاورة»: a word describing a place, not its name.
fn describes(w: &str) -> bool {
    let w = w.strip_prefix("ال").unwrap_or(w);
    // (dual and plural forms too: «بلدتي الفوعة وكفريا المحاصرتين»)
    let generic = ["تين", "تان", "ين", "ون", "ات"]
        .iter()
        .find_map(|s| w.strip_suffix(s).filter(|r| r.chars().count() >= 2))
        .unwrap_or(w)
        .trim_end_matches(['ه', 'ا']);
    matches!(
        generic,
        "سكني"
            | "سكنيت"
            | "شعبي"
            | "مدني"
            | "مكتظ"
            | "مجاور"
            | "قريب"
            | "اخر"
            | "اخري"
            | "محاذي"
            | "واقع"
            | "تابع"
            | "صغير"
            | "كبير"
            | "جديد"
            | "قديم"
            | "نفس"
            | "ذات"
            | "عسكري"
            | "امن"
            | "صناعي"
            | "تجاري"
            | "زراعي"
            | "حدودي"
            | "نايي"
            | "مهجور"
            | "مدمر"
            | "محاصر"
            | "مستهدف"
            | "مذكور"
            | "اهل"
            | "مزدحم"
            // «مديرية الدفاع المدني», «مديرية الصحة»: an office, not a district
            | "دفاع"
            | "صح"
            | "تربي"
            | "اوقاف"
            | "شرط"
            | "اعلام"
            | "زراع"
            | "كهرباء"
            | "مالي"
    )
}

/// «وقرى أبو حنايا وقليب الثور والبرغوثية بريف حماة الشرقي»: the names the gazetteer lacks
/// in a list of villages (or towns, quarters) that names at least one place it has, placed
/// at the place the list ends on («بريف حماة», «في مدينة …»), as after a single place word.
fn unlisted_list_items(
    folded: &str,
    tokens: &[Token],
    sents: &[(usize, usize)],
    cues: &roles::TextCues,
    mentions: &[PlaceMention],
    gaz: &Gazetteer,
) -> Vec<PlaceMention> {
    use crate::gazetteer::PlaceKind;
    let (attack, told_earlier) = (cues.attack, cues.told_earlier);
    // (of villages, towns, quarters and camps: a list of cities or areas names regions)
    let plural = |w: &str| {
        lexicon::PLACE_PLURALS
            .iter()
            .copied()
            .find(|p| *p == w && !matches!(w, "مدن" | "مناطق" | "مدينتي" | "مدينتا"))
    }; // words that end the list and lead to the place around it
    let link = |w: &str| WHERE_LINKS.contains(&w);
    let mut out = Vec::new();
    if !attack.reported {
        return out;
    }
    let word = |j: usize| &folded[tokens[j].start..tokens[j].end];
    let mention_at = |j: usize| {
        mentions.iter().position(|m| {
            m.fstart < tokens[j].end
                && tokens[j].start < m.fend
                && !roles::set_aside_as(m, SET_ASIDE)
        })
    };
    // («“المحراب” و”الصليبة”»: a «و» standing apart separates too)
    let sep_before = |j: usize| {
        folded[tokens[j - 1].end..tokens[j].start].contains(['،', ','])
            || (word(j).starts_with('و') && word(j).chars().count() >= 4)
            || (j >= 2 && word(j - 1) == "و")
    };
    let mut next = 0;
    while next < tokens.len() {
        let t = &tokens[next];
        // the list's first item
        let i = next + 1;
        next = i;
        let Some(trig) = (!t.numeric)
            .then(|| matcher::stems(word(i - 1)).find_map(plural))
            .flatten()
        else {
            continue;
        };
        let si = matcher::sentence_of(sents, t.start);
        if !attack.sentences[si] {
            continue;
        }
        // items: (first token, last token, the mention of a place the gazetteer has)
        let mut items: Vec<(usize, usize, Option<usize>)> = Vec::new();
        let mut container: Option<usize> = None;
        let mut cur = i;
        let mut j = i;
        while j < tokens.len() && tokens[j].start < sents[si].1 && items.len() < 16 {
            if folded[tokens[j - 1].end..tokens[j].start].contains(['.', ':', '؛', '(', ')']) {
                break;
            }
            if j > cur && sep_before(j) {
                if cur == i || sep_before(cur) {
                    items.push((cur, j - 1, None));
                }
                cur = j;
            }
            // (a «و» standing apart ends the item before it)
            if word(j) == "و" {
                if j > cur && (cur == i || sep_before(cur)) {
                    items.push((cur, j - 1, None));
                }
                cur = j + 1;
                j += 1;
                continue;
            }
            let w = word(j);
            // («حيي الدرعية والبريد غرباً في مدينة الرقة»: a direction ends the item)
            if matches!(w, "شمالا" | "جنوبا" | "شرقا" | "غربا") && j > cur {
                if cur == i || sep_before(cur) {
                    items.push((cur, j - 1, None));
                }
                cur = j + 1;
                j += 1;
                continue;
            }
            if tokens[j].numeric
                || j - cur >= 3
                || (!link(w)
                    && (matcher::is_preposition(w)
                        || crate::word_list!(lexicon::FUNCTION_WORDS).contains(w)))
            {
                break;
            }
            if link(w) {
                // (words right after a listed place, with no «و» or comma, describe it:
                // «بلدتي صوران وطيبة الإمام المحررتين في ريف حماة»)
                if j > cur && (cur == i || sep_before(cur)) {
                    items.push((cur, j - 1, None));
                }
                // the place right after the link word
                container = tokens
                    .get(j + 1)
                    .and_then(|_| mention_at(j + 1))
                    .filter(|&mi| mentions[mi].fstart >= tokens[j].end);
                break;
            }
            if let Some(mi) = mention_at(j) {
                let m = &mentions[mi];
                // (one that opens an item is listed; one right after an item holds the list)
                if j == cur && (j == i || sep_before(j)) {
                    // a place the gazetteer has: an item of the list
                    let last = j + tokens[j..].partition_point(|x| x.end < m.fend);
                    items.push((cur, last.min(tokens.len() - 1), Some(mi)));
                    j = last + 1;
                    cur = j;
                    continue;
                }
                // a place after an item, not opening one: the list's container («بريف حماة»)
                if j > cur {
                    items.push((cur, j - 1, None));
                }
                container = Some(mi);
                break;
            }
            j += 1;
        }
        let known_places: Vec<&PlaceMention> = items
            .iter()
            .filter_map(|x| x.2)
            .map(|mi| &mentions[mi])
            .collect();
        // a list of quarters is one without a place the gazetteer has too («أحياء الجمهورية
        // والمعتصم والبزارة»): the word «أحياء» says what the names are
        let quarters = matches!(trig, "احياء" | "حيي" | "حارات" | "منطقتي")
            && !word(i - 1).contains("ال")
            && items.len() >= 2;
        if known_places.is_empty() && !quarters {
            continue;
        }
        // where the names are placed: the place the list ends on; without one, the town of a
        // quarter listed with them («أحياء الانتصار وأبو سليم وغرغور، بعشرات …»)
        let (place, container_role) = match container {
            Some(ci) => {
                let c = &mentions[ci];
                let ck = gaz.places()[c.place].kind;
                if c.sentence != si
                    || (matches!(
                        ck,
                        PlaceKind::Country | PlaceKind::Village | PlaceKind::Site
                    ) && !roles::is_natural_region(gaz, c.place))
                {
                    continue;
                }
                (c.place, Some(c.role))
            }
            None => {
                let town = known_places
                    .iter()
                    .filter(|m| gaz.places()[m.place].kind == PlaceKind::Neighbourhood)
                    .find_map(|m| gaz.ancestors(m.place).last().copied())
                    .filter(|&t| matches!(gaz.places()[t].kind, PlaceKind::City | PlaceKind::Town));
                // (villages listed with villages it has lie in their area: «وقرى حصرايا ولطمين
                // والصخر …» at the sub-district of حصرايا)
                let area = || {
                    known_places
                        .iter()
                        .filter(|m| gaz.places()[m.place].kind == PlaceKind::Village)
                        .find_map(|m| {
                            gaz.ancestors(m.place).into_iter().rev().find(|&a| {
                                matches!(
                                    gaz.places()[a].kind,
                                    PlaceKind::Subdistrict
                                        | PlaceKind::District
                                        | PlaceKind::Governorate
                                )
                            })
                        })
                };
                match town {
                    Some(t) => (t, None),
                    None if quarters => match town_around(gaz, mentions, si, t.start) {
                        Some(ci) => (mentions[ci].place, None),
                        None => continue,
                    },
                    None => match area() {
                        Some(a) => (a, None),
                        None => continue,
                    },
                }
            }
        };
        // the names share the role of the places listed with them («اشتباكات في أحياء
        // الخالدية وبني زيد والسبع بحرات»: none was struck), else what the container says
        let known: Vec<Role> = known_places.iter().map(|m| m.role).collect();
        // (the words before the list's place word, asked only of a list of names it lacks)
        let fired = || {
            let before: Vec<&str> = (i.saturating_sub(7)..i - 1)
                .rev()
                .filter(|&k| tokens[k].start >= sents[si].0)
                .map(word)
                .collect();
            roles::fired_from(&before)
        };
        let role = if known.contains(&Role::Incident) {
            Role::Incident
        } else if let Some(&r) = known.first().filter(|r| **r != Role::RegionContext) {
            r
        } else if known.is_empty() && fired() {
            Role::OriginOfFire
        } else if known.is_empty() && told_earlier[si] {
            Role::OtherEvent
        } else {
            container_role.map_or(Role::Incident, inherited_role)
        };
        let cname = gaz.places()[place].name_ar.clone();
        for &(a, b, _) in items.iter().filter(|x| x.2.is_none()) {
            let whole = word(a);
            let first = whole
                .strip_prefix('و')
                .filter(|r| r.chars().count() >= 3)
                .unwrap_or(whole);
            let names: Vec<&str> = std::iter::once(first)
                .chain((a + 1..=b).map(word))
                .collect();
            let common = |w: &str| matcher::common_words().get(w).copied().unwrap_or(0) >= 400;
            // (a quarter's or village's name may be any word with the article: «أحياء الجمهورية
            // والمعتصم», «قرى حصرايا والصخر والتوبة»; not the town's own word: «أحياء المدينة»)
            let quarter = names.len() == 1
                && quarter_name(word(i - 1), names[0])
                && !matches!(names[0], "العاصمه" | "القطاع" | "المحافظه" | "البلاد");
            // («وكالة»: a word of its own, not «و» + «كالة»)
            if (names.iter().all(|w| common(w)) && !quarter)
                || (whole != first && common(whole))
                || describes(names[0])
                || matcher::trigger_of(names[0]).is_some()
                || names[0].starts_with("ريف")
                || names.iter().any(|w| matcher::is_preposition(w))
            {
                continue;
            }
            let fstart = tokens[a].start + (word(a).len() - first.len());
            out.push(unlisted_mention(
                (fstart, tokens[b].end),
                place,
                role,
                format!(
                    "not in the gazetteer: «{}», listed {}after «{trig}», placed at {} {cname} (approximate); {}",
                    names.join(" "),
                    if known.is_empty() { "" } else { "with places it has " },
                    if container.is_some() { "the list's container" } else { "the town around it" },
                    match role {
                        Role::Incident => "named in a sentence reporting an attack",
                        Role::OtherEvent => "an earlier event",
                        Role::OriginOfFire => "fire came from here",
                        _ => "as the places listed with it",
                    }
                ),
                0.4,
                si,
                Some(trig),
            ));
        }
        next = j.max(i);
    }
    out
}

/// A place the gazetteer lacks, named at `span` (folded bytes) and placed at `place`; the
/// original span and text are filled in by [`parse`].
fn unlisted_mention(
    span: (usize, usize),
    place: usize,
    role: Role,
    reason: String,
    confidence: f64,
    sentence: usize,
    trigger: Option<&'static str>,
) -> PlaceMention {
    PlaceMention {
        start: 0,
        end: 0,
        fstart: span.0,
        fend: span.1,
        text: String::new(),
        place,
        candidates: 0,
        role,
        reason,
        confidence,
        sentence,
        trigger,
        hashtag: false,
        unlisted: true,
    }
}

/// The city named as where an unlisted place lies, not attached to it («شمال حلب»), wraps it:
/// context, not a second incident.
fn wrap(container: &mut PlaceMention, name: &str) {
    container.role = Role::RegionContext;
    container.reason = format!("wraps the unlisted place «{name}»; {}", container.reason);
}

/// The role a place the gazetteer lacks takes from the place it is placed at: an earlier
/// event, the origin of fire, a hospital … stay so; inside an incident place or a region it is
/// where the attack landed.
fn inherited_role(container: Role) -> Role {
    match container {
        r @ (Role::OtherEvent
        | Role::OriginOfFire
        | Role::Hospital
        | Role::Displacement
        | Role::ResponderBase
        | Role::IntendedTarget
        | Role::NonAttack) => r,
        _ => Role::Incident,
    }
}

/// Words that say where the place after them is: «في», «وسط», the compass words, «قرب».
const WHERE_LINKS: &[&str] = &[
    "في",
    "وسط",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "قرب",
];

/// A word after a place's name that says what state it is in, not more of its name
/// («المحاصر», «الخاضع»).
fn state_word(w: &str) -> bool {
    const STATE: &[&str] = &[
        "المحاصر",
        "المحاصره",
        "المنكوب",
        "المنكوبه",
        "الواقع",
        "الواقعه",
        "المكتظ",
        "المكتظه",
        // («حي المطار السكني»: what kind of quarter, not part of its name)
        "السكني",
        "السكنيه",
    ];
    STATE.contains(&w) || w.starts_with("الخاضع")
}

/// How many words at the start of `between` say what state a place is in rather than where
/// («المحاصر», «الخاضع لسيطرة الثوار»): 0, 1 or 3.
fn described_for(between: &[&str]) -> usize {
    match between {
        [w, s, _, ..] if w.starts_with("الخاضع") && s.starts_with("لسيطر") => 3,
        [w, ..] if state_word(w) => 1,
        _ => 0,
    }
}

/// Quotation marks reports put around a name.
const QUOTES: &[char] = &['"', '“', '”', '«', '»', '\'', '‘', '’'];

/// Why a found name was set aside as a place elsewhere than the text's own: such a name,
/// after a place word, may be read again as one of the text's places the gazetteer lacks.
const SET_ASIDE: &[&str] = &[
    roles::NOT_IN_CONTAINER,
    roles::SMALL_ABROAD,
    roles::BARE_ABROAD,
];

/// «حي المحطة», «حي الجمهورية», «حارة المعلمين», «قرية العباد»: after «حي», «حارة», «قرية»
/// or «بلدة» without the article, a word with the article is the place's name however frequent
/// the word is; the phrase has no other reading («الحي الشرقي», with the article on «حي», is a
/// description). («منطقة» and «مدينة» make generic phrases: «منطقة الاشتباكات».)
fn quarter_name(trigger_word: &str, name: &str) -> bool {
    let bare = trigger_word.trim_start_matches(['و', 'ف', 'ب', 'ل']);
    matches!(
        bare,
        "حي" | "حيي"
            | "احياء"
            | "حاره"
            | "حارات"
            | "قريه"
            | "بلده"
            | "قري"
            | "قريتي"
            | "بلدات"
            | "بلدتي"
            // («ساحة الطيران», «ساحة التحرير»; not «ساحة المعركة»)
            | "ساحه"
    ) && !matches!(
        name,
        "المعركه" | "القتال" | "الحرب" | "المواجهه" | "الصراع" | "الاشتباك" | "المعارك"
    ) && name.starts_with("ال")
        && name.chars().count() >= 4
        && !describes(name)
        && !state_word(name)
}

/// The container written after an unlisted place: a place the gazetteer has within the next
/// four words, joined by link words only («… وسط خان يونس», «… بريف إدلب»). Also says
/// whether it is attached to the place («في», «ب»: named with it as where the attack was).
fn container_after(
    folded: &str,
    tokens: &[Token],
    mentions: &[PlaceMention],
    gaz: &Gazetteer,
    si: usize,
    end: usize,
    elsewhere: &dyn Fn(&PlaceMention) -> bool,
) -> Option<(usize, bool)> {
    use crate::gazetteer::PlaceKind;
    // (after the words that say where: «في», «وسط», compass words, «قرب»)
    const LINK: [&str; 13] = [
        "مدينه",
        "بمدينه",
        "ريف",
        "بريف",
        "العاصمه",
        "بالعاصمه",
        "بضاحيه",
        "ضاحيه",
        "محافظه",
        "قضاء",
        "بقضاء",
        "مديريه",
        "بمديريه",
    ];
    let word = |t: &Token| &folded[t.start..t.end];
    let ci = mentions.iter().position(|m| {
        m.fstart >= end && m.sentence == si && m.role != Role::Country && !elsewhere(m)
    })?;
    let c = &mentions[ci];
    let between_tokens: Vec<&Token> = tokens
        .iter()
        .filter(|x| x.start >= end && x.end <= c.fstart)
        .collect();
    let mut between: Vec<&str> = between_tokens.iter().map(|t| word(t)).collect();
    // «حي الوعر المحاصر في حمص», «حي الوعر الخاضع لسيطرة الثوار في حمص»: what state the
    // place is in stands between it and its container
    let skip = described_for(&between);
    let links_from = if skip > 0 {
        between_tokens[skip - 1].end
    } else {
        end
    };
    between.drain(..skip);
    let gap = folded[links_from..c.fstart].trim();
    // «… بريف إدلب»: the preposition is a clitic on the container's word
    let clitic_link = between.is_empty() && matches!(gap, "ب" | "وب");
    if between.len() > 3
        || !between
            .iter()
            .all(|w| LINK.contains(w) || WHERE_LINKS.contains(w))
        || (between.is_empty() && !clitic_link)
    {
        return None;
    }
    let ck = gaz.places()[c.place].kind;
    let region = roles::is_natural_region(gaz, c.place);
    if matches!(ck, PlaceKind::Country | PlaceKind::Village) || (ck == PlaceKind::Site && !region) {
        return None;
    }
    // «منطقة المشرفية بضاحية بيروت الجنوبية», «حي الشهباء الجديدة في مدينة حلب»: a
    // container attached to the place («في», «ب») is named with it as where the attack
    // was, and stays an incident place; one placed relative to it («شمال حلب») wraps it
    // («منطقة السوق الشعبي في مدينة سرمين»: a town's place word after «في» too)
    let attached = clitic_link
        || (between.len() == 1 && matches!(between[0], "في" | "بمدينه" | "ببلده"))
        || (between.len() == 2
            && between[0] == "في"
            && matches!(between[1], "مدينه" | "بلده" | "قريه"));
    Some((ci, attached))
}

/// Where a village the gazetteer lacks lies when no container follows its name: the one
/// governorate, district or countryside the report names («… بريف حماة»), else the one town
/// the report places its attack in.
fn region_around(gaz: &Gazetteer, mentions: &[PlaceMention]) -> Option<usize> {
    use crate::gazetteer::PlaceKind;
    let region = |m: &PlaceMention| {
        !m.unlisted
            && matches!(m.role, Role::Incident | Role::RegionContext)
            && (matches!(
                gaz.places()[m.place].kind,
                PlaceKind::Governorate | PlaceKind::District | PlaceKind::Subdistrict
            ) || roles::is_natural_region(gaz, m.place))
    };
    let mut regions = mentions.iter().enumerate().filter(|(_, m)| region(m));
    match regions.next() {
        Some((first, m0)) => regions.all(|(_, m)| m.place == m0.place).then_some(first),
        None => town_around(gaz, mentions, usize::MAX, 0),
    }
}

/// Where a quarter the gazetteer lacks lies when no container follows its name: the city or
/// town named last before it in the same sentence («قصف مدينة تعز استهدف حي …»), else the one
/// city or town the report places its attack in («حي المحطة» in a report on Khan Younis).
fn town_around(gaz: &Gazetteer, mentions: &[PlaceMention], si: usize, pos: usize) -> Option<usize> {
    use crate::gazetteer::PlaceKind;
    let town = |m: &PlaceMention| {
        matches!(
            gaz.places()[m.place].kind,
            PlaceKind::City | PlaceKind::Town
        ) && !m.unlisted
            && !roles::set_aside_as(m, SET_ASIDE)
    };
    let before = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.sentence == si && m.fend <= pos && town(m))
        .filter(|(_, m)| {
            !matches!(
                m.role,
                Role::Country
                    | Role::OrganisationSeat
                    | Role::OrganisationName
                    | Role::Dateline
                    | Role::VictimOrigin
                    | Role::Other
            )
        })
        .max_by_key(|(_, m)| m.fend)
        .map(|(i, _)| i);
    if before.is_some() {
        return before;
    }
    let mut towns = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| town(m) && matches!(m.role, Role::Incident | Role::RegionContext));
    let (first, m0) = towns.next()?;
    towns.all(|(_, m)| m.place == m0.place).then_some(first)
}

fn unlisted_places(
    folded: &str,
    tokens: &[Token],
    sents: &[(usize, usize)],
    cues: &roles::TextCues,
    mentions: &mut [PlaceMention],
    gaz: &Gazetteer,
) -> Vec<PlaceMention> {
    let (attack, told_earlier) = (cues.attack, cues.told_earlier);
    const TRIG: [(&str, &str); 12] = [
        ("مدينه", "town"),
        ("قضاء", "town"),
        ("ناحيه", "town"),
        ("مديريه", "town"),
        ("حي", "neighbourhood"),
        ("منطقه", "site"),
        ("بلده", "town"),
        ("قريه", "village"),
        ("مخيم", "camp"),
        ("معسكر", "camp"),
        ("حاره", "neighbourhood"),
        ("ساحه", "site"),
    ];
    let mut out = Vec::new();
    let word = |t: &Token| &folded[t.start..t.end];
    if !attack.reported {
        return out;
    }
    for (i, t) in tokens.iter().enumerate() {
        let Some(&(trig, kind)) =
            matcher::stems(word(t)).find_map(|s| TRIG.iter().find(|(w, _)| *w == s))
        else {
            continue;
        };
        let Some(n) = tokens.get(i + 1) else { continue };
        // a name the gazetteer has only elsewhere («المشرفية» in Syria, not in Beirut) counts
        // as unlisted here
        // (or abroad, away from the text's other places: «حي الزهور» in a Yemeni report names
        // a quarter of its town, not the Syrian village)
        let elsewhere = |m: &PlaceMention| roles::set_aside_as(m, SET_ASIDE);
        if n.numeric
            || mentions
                .iter()
                .any(|m| m.fstart <= n.start && n.start < m.fend && !elsewhere(m))
        {
            continue;
        }
        let si = matcher::sentence_of(sents, n.start);
        if !attack.sentences[si] {
            continue;
        }
        // the name: one word, or two when the first begins compound names or the second has
        // the article, or three when the second begins one too («خان بني سعد»)
        // («باب توما», «كفر سوسة», «تل أبيض»: first words of compound names)
        let compound = |w: &str| {
            matches!(
                w,
                "باب"
                    | "كفر"
                    | "دير"
                    | "تل"
                    | "عين"
                    | "بيت"
                    | "ابو"
                    | "ام"
                    | "بني"
                    | "بير"
                    | "خربه"
                    | "جسر"
                    | "راس"
                    | "سوق"
                    | "جبل"
                    | "وادي"
                    | "قلعه"
                    | "خان"
            )
        };
        let covered = |t: &Token| {
            mentions
                .iter()
                .any(|m| m.fstart <= t.start && t.start < m.fend && !elsewhere(m))
        };
        let mut last = i + 1;
        while last < i + 3 {
            let Some(next) = tokens.get(last + 1) else {
                break;
            };
            let joined =
                !covered(next) && !next.numeric && &folded[tokens[last].end..next.start] == " ";
            let part = compound(word(&tokens[last]))
                || (last == i + 1
                    && word(next).starts_with("ال")
                    && !state_word(word(next))
                    && !crate::word_list!(lexicon::FUNCTION_WORDS).contains(word(next)));
            if !(joined && part) {
                break;
            }
            last += 1;
        }
        let name_words: Vec<&str> = tokens[i + 1..=last].iter().map(word).collect();
        // after «قرية», «بلدة», «حي», «مخيم» a word is a name unless it is very frequent
        // («قرية الحوش»); «مدينة»/«منطقة» also make generic phrases («مدينة الملاهي»)
        let floor = if matches!(trig, "قريه" | "بلده" | "حي" | "حاره" | "مخيم") {
            400
        } else {
            matcher::COMMON_ZIPF
        };
        let common = |w: &str| matcher::common_words().get(w).copied().unwrap_or(0) >= floor;
        // «المدينة ويسكنون»: a conjunction and a verb start a new clause, not a name
        let verb = name_words[0]
            .strip_prefix('و')
            .or_else(|| name_words[0].strip_prefix('ف'))
            .is_some_and(|r| r.starts_with(['ي', 'ت', 'ن']));
        let described = describes(name_words[0]);
        // «مخيم للنازحين»: «for the displaced», not a name
        // («بلدة وقرية»: a second place word is no name either)
        // («معسكر بمنطقة الزهراء»: a place word with a preposition starts a new place)
        let function_word = verb
            || described
            || (matcher::trigger_of(name_words[0]).is_some_and(|(_, kind)| {
                // («حي المطار», «حي السوق»: a quarter named after a site)
                kind != "site" || !matches!(trig, "حي" | "حاره") || !name_words[0].starts_with("ال")
            }) && (name_words.len() == 1 || name_words[0].starts_with(['و', 'ب', 'ل', 'ف'])))
            || name_words[0].starts_with("لل")
            || matches!(name_words[0], "التي" | "الذي" | "الذين" | "كان" | "كانت");
        // a frequent word is no name — unless the gazetteer knows it as one elsewhere
        // («حي الزهراء بمدينة حمص»: Homs's الزهراء is not listed, six others are)
        let known_elsewhere = mentions
            .iter()
            .any(|m| elsewhere(m) && m.fstart <= n.start && n.start < m.fend);
        // a word in quotes after the place word is its name («قرية “المطر”»)
        let quoted = {
            let open = folded[t.end..n.start].trim();
            let close = folded[tokens[last].end..]
                .chars()
                .find(|c| !c.is_whitespace());
            !open.is_empty()
                && open.chars().all(|c| QUOTES.contains(&c))
                && close.is_some_and(|c| QUOTES.contains(&c))
        };
        // (a hashtag is a deliberate name too: «منطقة #غرز»; and a word followed by where or
        // how it lies is one: «منطقة الليثي الواقعة في وسط بنغازي»)
        let hashtag = folded[..n.start].ends_with('#');
        let situated = tokens.get(last + 1).is_some_and(|t| state_word(word(t)));
        if (name_words.len() == 1
            && common(name_words[0])
            && !known_elsewhere
            && !quoted
            && !hashtag
            && !situated
            && !quarter_name(word(t), name_words[0]))
            || function_word
        {
            continue;
        }
        let end = tokens[last].end;
        // the container: a place within the next four words, joined by link words only;
        // without one, a quarter is placed at the town named before it or the report's town
        // the same name placed before in the report («مديرية منبه الحدودية» again): where it
        // was placed
        let after = container_after(folded, tokens, mentions, gaz, si, end, &elsewhere);
        // (looked up only when no container follows)
        let learned_place = if after.is_some() {
            None
        } else {
            let name_text = &folded[n.start..end];
            mentions
                .iter()
                .chain(&out)
                .find(|m| {
                    m.unlisted && m.fstart < n.start && &folded[m.fstart..m.fend] == name_text
                })
                .map(|m| m.place)
        };
        let (ci, attached, follows) = match after {
            Some((ci, attached)) => (Some(ci), attached, true),
            None if learned_place.is_some() => (None, false, false),
            // («الحي», with the article, is the quarter already named: no new name follows)
            None if matches!(trig, "حي" | "حاره")
                && !word(t).contains("ال")
                && !name_words[0].starts_with('و') =>
            {
                match town_around(gaz, mentions, si, t.start) {
                    Some(ci) => (Some(ci), false, false),
                    None => continue,
                }
            }
            None if matches!(trig, "قريه" | "بلده")
                && !word(t).contains("ال")
                && !name_words[0].starts_with('و') =>
            {
                match region_around(gaz, mentions) {
                    Some(ci) => (Some(ci), false, false),
                    None => continue,
                }
            }
            None => continue,
        };
        let container = match (ci, learned_place) {
            (Some(ci), _) => mentions[ci].place,
            (None, Some(p)) => p,
            (None, None) => continue,
        };
        let cname = gaz.places()[container].name_ar.clone();
        // the words before the place word say fire came from it («انطلاقه كان من قرية …»);
        // else it shares what its container's words say of it
        let before: Vec<&str> = (i.saturating_sub(6)..i)
            .rev()
            .filter(|&k| tokens[k].start >= sents[si].0)
            .map(|k| word(&tokens[k]))
            .collect();
        let fired = roles::fired_from(&before);
        let item_of = mentions
            .iter()
            .filter(|m| m.fend <= t.start && m.sentence == si)
            .max_by_key(|m| m.fend)
            .and_then(|m| roles::next_item_role(folded, m, n.start, false));
        let role = if fired {
            Role::OriginOfFire
        } else if let Some(r) = item_of {
            r
        } else if !follows && told_earlier[si] {
            Role::OtherEvent
        } else {
            match ci {
                Some(ci) if follows || mentions[ci].sentence == si => {
                    inherited_role(mentions[ci].role)
                }
                _ => Role::Incident,
            }
        };
        let reason = if role == Role::Incident {
            if let Some(ci) = ci.filter(|&ci| follows && mentions[ci].role == Role::Incident) {
                if !attached {
                    wrap(&mut mentions[ci], &name_words.join(" "));
                }
            }
            "named in a sentence reporting an attack".to_string()
        } else if fired {
            "fire came from here («من مواقع», «انطلاقا من»)".to_string()
        } else if let Some(ci) = ci {
            format!("as its container: {}", mentions[ci].reason)
        } else {
            "as its sentence tells".to_string()
        };
        let placed_at = if follows {
            "its container"
        } else if ci.is_some() {
            "the place the report names around it"
        } else {
            "where the report placed the name before,"
        };
        // (a square is named with its word: «ساحة الطيران», not «الطيران»; so is a quarter
        // called «حارة»: «حارة الباشا»)
        let fstart = if matches!(trig, "ساحه" | "حاره") && word(t).ends_with(trig) {
            t.end - trig.len()
        } else {
            n.start
        };
        out.push(unlisted_mention(
            (fstart, end),
            container,
            role,
            format!(
                "not in the gazetteer: «{trig} {}» placed at {placed_at} {cname} (approximate, {kind}); {reason}",
                name_words.join(" "),
            ),
            0.5,
            si,
            Some(trig),
        ));
    }
    out
}

/// «سقطت قذائف في الكيش ببنغازي», «انفجار في الطوبجي وسط بغداد»: after «في» or «على», a word
/// that is no Arabic word at all (absent from the word-frequency list, in any of its clitic
/// forms) right before a city or town the gazetteer has, joined by «ب» or a word of where, is a
/// place of that city the gazetteer lacks.
fn bare_names_in_containers(
    folded: &str,
    tokens: &[Token],
    sents: &[(usize, usize)],
    cues: &roles::TextCues,
    mentions: &mut [PlaceMention],
    gaz: &Gazetteer,
) -> Vec<PlaceMention> {
    use crate::gazetteer::PlaceKind;
    let (attack, told_earlier) = (cues.attack, cues.told_earlier);
    let mut out = Vec::new();
    if !attack.reported {
        return out;
    }
    let word = |i: usize| &folded[tokens[i].start..tokens[i].end];
    let elsewhere = |m: &PlaceMention| roles::set_aside_as(m, SET_ASIDE);
    let known = |w: &str| {
        matcher::stems(w).any(|s| {
            matcher::common_words().contains_key(s)
                || ["هم", "ها", "ه", "هما", "كم", "نا", "ي", "ين", "ون", "ات"]
                    .iter()
                    .any(|x| {
                        s.strip_suffix(x)
                            .is_some_and(|r| matcher::common_words().contains_key(r))
                    })
        })
    };
    for k in 1..tokens.len() {
        let (p, t) = (&tokens[k - 1], &tokens[k]);
        // (the cheap tests first: this is asked of every word)
        if t.numeric || !matches!(word(k - 1), "في" | "علي") {
            continue;
        }
        let si = matcher::sentence_of(sents, t.start);
        if p.start < sents[si].0 || !attack.sentences[si] || told_earlier[si] {
            continue;
        }
        let w = word(k);
        if w.chars().count() < 4
            || !w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
            || known(w)
            || matcher::trigger_of(w).is_some()
            || mentions
                .iter()
                .any(|m| m.fstart <= t.start && t.start < m.fend && !elsewhere(m))
        {
            continue;
        }
        let Some((ci, attached)) =
            container_after(folded, tokens, mentions, gaz, si, t.end, &elsewhere)
        else {
            continue;
        };
        // («هيبرون (مدينة الخليل)»: a bracket after the word glosses it, it names no quarter)
        if !matches!(
            gaz.places()[mentions[ci].place].kind,
            PlaceKind::City | PlaceKind::Town
        ) || folded[t.end..mentions[ci].fstart]
            .contains(['(', ')', '"', '«', '»', '“', '”', '،', ','])
        {
            continue;
        }
        let role = inherited_role(mentions[ci].role);
        if role == Role::Incident && mentions[ci].role == Role::Incident && !attached {
            wrap(&mut mentions[ci], w);
        }
        let cname = gaz.places()[mentions[ci].place].name_ar.clone();
        out.push(unlisted_mention(
            (t.start, t.end),
            mentions[ci].place,
            role,
            format!(
                "not in the gazetteer: «{w}», no Arabic word, right before its town {cname}, placed there (approximate); named in a sentence reporting an attack"
            ),
            0.4,
            si,
            None,
        ));
    }
    out
}

/// Find, resolve and give roles to the places of a text.
pub fn parse(text: &str, gaz: &Gazetteer, matcher: &Matcher) -> Parsed {
    let norm = normalize(text);
    let tokens = tokenize(&norm.folded);
    let sents = sentences(text, &norm);
    let found = matcher.find(&norm.folded, &tokens, gaz);
    let accepted = matcher::accept(&norm.folded, &tokens, &sents, found, gaz);
    let resolved = resolve::resolve(&norm.folded, &tokens, accepted, gaz);
    // (scanned for dates only when there is a place to date)
    let dates = (!resolved.is_empty()).then(|| DateScan::new(&norm.folded));
    // where the first written date is, and which sentence names which place: a sentence that
    // dates the lead's own attack names a place the lead names, and the lead has no date
    // (asked only of a sentence already told as earlier)
    let first_date = std::cell::OnceCell::new();
    let dated_before = |si: usize| {
        first_date
            .get_or_init(|| {
                dates
                    .as_ref()
                    .and_then(|d| d.written().iter().map(|x| x.start).min())
            })
            .is_some_and(|d| d < sents[si].0)
    };
    let in_sentence: Vec<(usize, usize)> = resolved
        .iter()
        .map(|r| (matcher::sentence_of(&sents, r.acc.found.wstart), r.place))
        .collect();
    let same_place_before = |si: usize| {
        in_sentence
            .iter()
            .filter(|(s, _)| *s == si)
            .any(|(_, p)| in_sentence.iter().any(|(s2, p2)| *s2 < si && p2 == p))
    };
    // (with no place found there is no incident, and no need to know)
    let told_earlier: Vec<bool> = (0..sents.len())
        .map(|si| {
            si > 0
                && !resolved.is_empty()
                && roles::told_as_earlier(&norm.folded, &tokens, sents[si])
                && !(same_place_before(si)
                    && roles::restates_the_lead(&norm.folded, &sents[..=si], dated_before(si)))
        })
        .collect();
    let attack = roles::AttackCues::find(&norm.folded, &tokens, &sents);
    let cues = roles::TextCues {
        told_earlier: &told_earlier,
        attack: &attack,
        dates: dates.as_ref(),
    };
    let mut mentions = roles::assign(&norm.folded, &tokens, &sents, &cues, resolved, gaz);
    roles::summary_lists(&norm.folded, &mut mentions, gaz);
    for m in &mut mentions {
        let (a, b) = norm.original_span(m.fstart, m.fend);
        m.start = a;
        m.end = b;
        m.text = text[a..b].to_string();
    }
    let unresolved = unresolved_names(&norm.folded, &tokens, &mentions);
    let mut unlisted = unlisted_places(&norm.folded, &tokens, &sents, &cues, &mut mentions, gaz);
    // a place whose container the gazetteer lacks too («منطقة الرقو بمديرية منبه الحدودية»):
    // read again with the places just placed as containers
    if !unlisted.is_empty() {
        let mut with: Vec<PlaceMention> = mentions.iter().chain(&unlisted).cloned().collect();
        with.sort_by_key(|m| m.fstart);
        let more = unlisted_places(&norm.folded, &tokens, &sents, &cues, &mut with, gaz);
        unlisted.extend(more);
    }
    unlisted.extend(bare_names_in_containers(
        &norm.folded,
        &tokens,
        &sents,
        &cues,
        &mut mentions,
        gaz,
    ));
    unlisted.extend(unlisted_list_items(
        &norm.folded,
        &tokens,
        &sents,
        &cues,
        &mentions,
        gaz,
    ));
    unlisted.extend(sites::unlisted_sites(
        &norm.folded,
        &tokens,
        &sents,
        &cues,
        &mentions,
        gaz,
    ));
    unlisted.extend(sites::towns_named_in_sites(
        &norm.folded,
        &tokens,
        &mentions,
        gaz,
    ));
    // a name set aside as a place elsewhere and read again as one the gazetteer lacks is one
    // mention, not two: the reading that places it stays
    mentions.retain(|m| {
        !((roles::set_aside_as(m, SET_ASIDE) || roles::set_aside_as(m, &[roles::GENERIC_FAR]))
            && unlisted
                .iter()
                .any(|u| u.fstart <= m.fstart && m.fend <= u.fend))
    });
    for mut m in unlisted {
        let (a, b) = norm.original_span(m.fstart, m.fend);
        m.start = a;
        m.end = b;
        m.text = text[a..b].to_string();
        mentions.push(m);
    }
    mentions.sort_by_key(|m| m.fstart);
    Parsed {
        norm,
        tokens,
        sentences: sents,
        mentions,
        told_earlier,
        unresolved,
        dates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name read as no common word is a frequent word (or the entry does nothing), is
    /// written folded (or it never matches) and names a place in the gazetteer.
    #[test]
    fn names_not_words_are_frequent_folded_place_names() {
        let gaz = Gazetteer::bundled();
        let list = include_str!("../../gazetteer/manual/names_not_words.txt");
        let names: Vec<&str> = list
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        assert!(names.len() > 100);
        for w in names {
            assert!(matcher::name_not_word(w), "{w}");
            assert_eq!(normalize(w).folded, w, "{w} is not folded");
            let z = matcher::common_words().get(w).copied().unwrap_or(0);
            assert!(z >= matcher::COMMON_ZIPF, "{w}: zipf {z}");
            assert!(!gaz.lookup(w).is_empty(), "{w} names no place");
        }
        assert!(!matcher::name_not_word("الباب"));
    }

    #[test]
    fn tokens_split_digits_from_letters() {
        let f = "بستان القصر11 و#صاخور";
        let t: Vec<&str> = tokenize(f).iter().map(|t| &f[t.start..t.end]).collect();
        assert_eq!(t, vec!["بستان", "القصر", "11", "و", "صاخور"]);
    }
}
