//! From a parsed document to incidents: one per place where an attack landed, with event
//! type, weapon, actor, target, date and casualty claims, each traceable to its words.

use super::casualties::{self, Count};
use super::lexicon::{acled_sub_event, ACTORS, EVENTS, TARGETS};
use super::types::{Claim, Incident, PlaceRecord, Qualifier};
use crate::gazetteer::{name_key, Gazetteer, PlaceKind};
use crate::geoparse::{self, Matcher, Parsed, PlaceMention, Role};
use crate::text::dates::{find_dates, DateExpr};
use crate::text::normalize::NormText;
use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use std::cell::OnceCell;
use std::sync::OnceLock;

/// One input document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub published: Option<NaiveDate>,
}

/// What one document yields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub incidents: Vec<Incident>,
    pub places: Vec<PlaceRecord>,
    /// Names after «حي», «بلدة» … that the gazetteer does not know (folded).
    pub unresolved: Vec<String>,
}

/// The event, actor and target phrases compiled into one automaton, so a document is scanned
/// once for all three tables.
struct PhraseTables {
    ac: AhoCorasick,
    /// Where the actor and the target phrases start among the patterns.
    actors_at: usize,
    targets_at: usize,
}

/// Hits of the three tables: (position, phrase index in its table), in text order.
struct Hits {
    events: Vec<(usize, usize)>,
    actors: Vec<(usize, usize)>,
    targets: Vec<(usize, usize)>,
}

impl PhraseTables {
    fn new() -> PhraseTables {
        let v: Vec<&str> = EVENTS
            .iter()
            .map(|e| e.0)
            .chain(ACTORS.iter().map(|e| e.0))
            .chain(TARGETS.iter().map(|e| e.0))
            .collect();
        PhraseTables {
            ac: AhoCorasick::new(v).unwrap_or_else(|e| panic!("bad phrase table: {e}")),
            actors_at: EVENTS.len(),
            targets_at: EVENTS.len() + ACTORS.len(),
        }
    }

    /// Every phrase at a word start (clitics and the article allowed before it).
    fn hits(&self, f: &str) -> Hits {
        let mut out = Hits {
            events: Vec::new(),
            actors: Vec::new(),
            targets: Vec::new(),
        };
        for m in self.ac.find_overlapping_iter(f) {
            let s = m.start();
            let word_start = f[..s]
                .char_indices()
                .rev()
                .take_while(|(_, c)| crate::text::is_letter(*c))
                .take(4)
                .last()
                .map(|(i, _)| i)
                .unwrap_or(s);
            let before_ok = !f[..word_start]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_letter);
            let at_word_start = before_ok
                && matches!(
                    &f[word_start..s],
                    // not «ك»: «كفرنبل» is no bakery («فرن»)
                    "" | "و"
                        | "ف"
                        | "ب"
                        | "ل"
                        | "ال"
                        | "وال"
                        | "بال"
                        | "فال"
                        | "لل"
                        | "وب"
                        | "ول"
                );
            if !at_word_start {
                continue;
            }
            let k = m.pattern().as_usize();
            if k >= self.targets_at {
                out.targets.push((s, k - self.targets_at));
            } else if k >= self.actors_at {
                out.actors.push((s, k - self.actors_at));
            } else {
                out.events.push((s, k));
            }
        }
        for v in [&mut out.events, &mut out.actors, &mut out.targets] {
            v.sort_unstable();
        }
        out
    }
}

fn phrase_tables() -> &'static PhraseTables {
    static T: OnceLock<PhraseTables> = OnceLock::new();
    T.get_or_init(PhraseTables::new)
}

/// Hits of a table inside a span.
fn hits_in(hits: &[(usize, usize)], span: (usize, usize)) -> &[(usize, usize)] {
    let a = hits.partition_point(|h| h.0 < span.0);
    let b = hits.partition_point(|h| h.0 < span.1).max(a);
    &hits[a..b]
}

/// The most specific event type in a span, with the words that said it and where.
fn event_in(
    f: &str,
    hits: &[(usize, usize)],
    span: (usize, usize),
) -> Option<(&'static str, u8, String, usize)> {
    let mut best: Option<(&'static str, u8, String, usize)> = None;
    for &(at, k) in hits_in(hits, span) {
        let (phrase, ty, rank) = EVENTS[k];
        if at + phrase.len() <= span.1 {
            // the weapon as written: the phrase's word(s) with their endings
            let end = f[at + phrase.len()..]
                .char_indices()
                .find(|(_, c)| !crate::text::is_letter(*c))
                .map(|(i, _)| at + phrase.len() + i)
                .unwrap_or(f.len());
            let words = f[at..end].to_string();
            if best
                .as_ref()
                .is_none_or(|b| rank < b.1 || (rank == b.1 && at < b.3))
            {
                best = Some((ty, rank, words, at));
            }
        }
    }
    best
}

fn labels_in(
    all: &[(usize, usize)],
    span: (usize, usize),
    table: &[(&str, &'static str)],
) -> Vec<(usize, String, &'static str)> {
    let mut hits: Vec<(usize, String, &'static str)> = Vec::new();
    for &(at, k) in hits_in(all, span) {
        let (phrase, label) = table[k];
        if at + phrase.len() <= span.1 {
            hits.push((at, phrase.to_string(), label));
        }
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
    // longest phrase per position, one per label
    let mut out: Vec<(usize, String, &'static str)> = Vec::new();
    for h in hits {
        if out
            .iter()
            .any(|o| o.2 == h.2 || (o.0 <= h.0 && h.0 < o.0 + o.1.len()))
        {
            continue;
        }
        out.push(h);
    }
    out
}

fn tok_range(p: &Parsed, span: (usize, usize)) -> (usize, usize) {
    let a = p.tokens.partition_point(|t| t.start < span.0);
    let b = p.tokens.partition_point(|t| t.end <= span.1);
    (a, b.max(a))
}

/// The conservative summary of a set of claims: (best, low, high).
fn summarise(claims: &[Claim]) -> (Option<u64>, Option<u64>, Option<u64>) {
    casualties::best(claims)
}

/// Extract incidents and the audit trail of places from one document.
pub fn extract(doc: &Document, gaz: &Gazetteer, matcher: &Matcher) -> Extraction {
    let parsed = geoparse::parse(&doc.text, gaz, matcher);
    let f = &parsed.norm.folded;
    // code-point offset of every byte boundary, for offsets as Python and QGIS count them
    let mut cp = vec![0u32; doc.text.len() + 1];
    {
        let mut n = 0u32;
        let mut last = 0;
        for (i, _) in doc.text.char_indices() {
            for c in cp.iter_mut().take(i + 1).skip(last) {
                *c = n;
            }
            last = i + 1;
            n += 1;
        }
        for c in cp.iter_mut().skip(last) {
            *c = n;
        }
    }
    let char_offset = |_: &str, b: usize| cp[b] as usize;
    let sent_text = |si: usize| -> String {
        let (a, b) = parsed.sentences[si];
        let (oa, ob) = parsed.norm.original_span(a, b);
        doc.text[oa..ob].trim().to_string()
    };
    let mut out = Extraction {
        unresolved: parsed.unresolved.clone(),
        ..Default::default()
    };
    for m in &parsed.mentions {
        let p = &gaz.places()[m.place];
        out.places.push(PlaceRecord {
            doc: doc.id.clone(),
            place_mention: m.text.clone(),
            place_name: if m.unlisted {
                m.text.clone()
            } else {
                p.name_ar.to_string()
            },
            place_name_en: p.name_en.to_string(),
            place_id: p.id.to_string(),
            place_kind: p.kind.as_str().to_string(),
            country: p.country.to_string(),
            lon: p.lon,
            lat: p.lat,
            role: m.role.as_str().to_string(),
            reason: m.reason.clone(),
            confidence: m.confidence,
            mention_start: char_offset(&doc.text, m.start),
            mention_end: char_offset(&doc.text, m.end),
            snippet: sent_text(m.sentence),
        });
    }
    // one incident per place — and per alias: CSR merges several named areas into one outline
    // («جسر الحج» is listed under الفردوس), and a report that names both gives both
    let group_of = |m: &PlaceMention| -> (usize, String) {
        let key = name_key(&m.text).0;
        // «حي المواصلات» and «المواصلات» are one alias
        let key = crate::gazetteer::keys::untriggered(&key)
            .map(|k| k.0)
            .unwrap_or(key);
        if m.unlisted {
            return (m.place, format!("~{key}"));
        }
        let canon = name_key(&gaz.places()[m.place].name_ar).0;
        let alias = dice(&key, &canon) < 0.4;
        (m.place, if alias { key } else { String::new() })
    };
    let groups: Vec<Option<(usize, String)>> = parsed
        .mentions
        .iter()
        .map(|m| (m.role == Role::Incident).then(|| group_of(m)))
        .collect();
    let mut order: Vec<(usize, String)> = Vec::new();
    for g in groups.iter().flatten() {
        if !order.contains(g) {
            order.push(g.clone());
        }
    }
    if order.is_empty() {
        return out;
    }
    let dates = match &parsed.dates {
        Some(scan) => scan.resolve(f, doc.published),
        None => find_dates(f, doc.published),
    };
    // sentences that tell an earlier event («والإثنين الماضي، قتل …»): their dates and
    // figures belong to that event
    let told_before: Vec<bool> = (0..parsed.sentences.len())
        .map(|si| {
            parsed.told_earlier[si]
                || running_tally(&f[parsed.sentences[si].0..parsed.sentences[si].1])
        })
        .collect();
    let mut earlier = told_before.clone();
    for m in &parsed.mentions {
        if m.role == Role::OtherEvent {
            if let Some(e) = earlier.get_mut(m.sentence) {
                *e = true;
            }
        }
    }
    // (which dates stand on a line of their own, found once per text)
    let dateline_starts: Vec<usize> = dates
        .iter()
        .filter(|d| on_dateline(&doc.text, &parsed.norm, &dates, d))
        .map(|d| d.start)
        .collect();
    let on_line_of_its_own = |d: &DateExpr| dateline_starts.contains(&d.start);
    let sentence_at = |b: usize| crate::geoparse::matcher::sentence_of(&parsed.sentences, b);
    let dates_now: Vec<&DateExpr> = dates
        .iter()
        .filter(|d| !earlier.get(sentence_at(d.start)).copied().unwrap_or(false))
        .collect();
    let Hits {
        events: ev_hits,
        actors: actor_hits,
        targets: target_hits,
    } = phrase_tables().hits(f);
    let breaks = clause_breaks(f);
    // casualty claims of a sentence, computed when first asked for, at most once
    let memo: Vec<OnceCell<Vec<(Count, Claim)>>> = vec![OnceCell::new(); parsed.sentences.len()];
    let sent_claims = |si: usize| sentence_claims(&memo, &parsed, si);
    let claims_for = |_: &Parsed, si: usize| -> Vec<(Count, Claim)> { sent_claims(si).clone() };
    let doc_span = (0, f.len());
    let doc_event = event_in(f, &ev_hits, doc_span);
    let doc_claims = document_claims(&parsed, sent_claims, &told_before);
    for (n, group) in order.iter().enumerate() {
        let place = group.0;
        let ms: Vec<&PlaceMention> = parsed
            .mentions
            .iter()
            .zip(&groups)
            .filter(|(_, g)| g.as_ref() == Some(group))
            .map(|(m, _)| m)
            .collect();
        // the representative mention: in a sentence with an event word and a figure, else one
        // with an event word, else the first
        let rep = ms
            .iter()
            .copied()
            .find(|m| {
                event_in(f, &ev_hits, parsed.sentences[m.sentence]).is_some()
                    && !sent_claims(m.sentence).is_empty()
            })
            .or_else(|| {
                ms.iter()
                    .copied()
                    .find(|m| event_in(f, &ev_hits, parsed.sentences[m.sentence]).is_some())
            })
            .unwrap_or(ms[0]);
        let si = rep.sentence;
        let mut sspan = parsed.sentences[si];
        // «… رداً على هجوم خان شيخون الكيميائي»: what follows is an earlier event
        for cut in ["ردا علي", "انتقاما ل"] {
            if let Some(p) = f[sspan.0..sspan.1].find(cut) {
                if sspan.0 + p > rep.fend {
                    sspan.1 = sspan.0 + p;
                }
            }
        }
        // event: this sentence; a generic one is refined by the sentences around it
        // (two before, one after), then by the document
        // «…بقصف على عدن، فيما قتل 9 في هجوم بمأرب»: a clause with its own event word is its
        // own event, not refined by its neighbours
        let clause = clause_in(f, &breaks, sspan, (rep.fstart, rep.fend));
        let in_clause = clause.and_then(|c| event_in(f, &ev_hits, c));
        // an indefinite event word makes the clause an event of its own; «في القصف الذي …»,
        // with the article, points back to one told before (refined by the sentences around,
        // not by the other clauses of its sentence)
        let own_clause = clause.is_some_and(|c| c.0 > sspan.0)
            && in_clause
                .as_ref()
                .is_some_and(|e| e.1 >= 12 && !definite(f, e.3));
        let clause_has_event = in_clause.is_some();
        let mut ev = in_clause.or_else(|| event_in(f, &ev_hits, sspan));
        let rank = ev.as_ref().map(|e| e.1).unwrap_or(99);
        if rank >= 12 && !own_clause {
            // (not a sentence that tells an earlier event: «وكانت مسيّرة قد استهدفت أمس …»
            // does not make today's air strike a drone strike)
            let last_sentence = (si + 1).min(parsed.sentences.len() - 1);
            let around = (si.saturating_sub(2)..=last_sentence)
                .filter(|&sj| {
                    if sj == si {
                        !clause_has_event
                    } else {
                        !earlier.get(sj).copied().unwrap_or(false)
                    }
                })
                .filter_map(|sj| event_in(f, &ev_hits, parsed.sentences[sj]))
                .min_by_key(|e| (e.1, e.3));
            if let Some(b) = around {
                // a generic word takes any weapon named around it; an air strike only an air
                // weapon, and a barrel bomb only when warplanes («الطيران الحربي») are not
                // named; a shell or a rocket is already specific
                let here = &f[sspan.0..sspan.1];
                let better = match rank {
                    12 => {
                        b.1 < 12
                            && !(b.0 == "barrel_bomb"
                                && (here.contains("حربي") || here.contains("مقاتلات")))
                            && !matches!(b.0, "car_bomb" | "suicide_bombing" | "ied" | "landmine")
                    }
                    13..=15 => false,
                    _ => b.1 < rank,
                };
                if better {
                    ev = Some(b);
                }
            }
        }
        if ev.as_ref().is_none_or(|e| e.1 >= 16) && !own_clause {
            if let Some(d) = &doc_event {
                if d.1 < ev.as_ref().map(|e| e.1).unwrap_or(99) {
                    ev = Some(d.clone());
                }
            }
        }
        let ev = ev.or_else(|| doc_event.clone());
        let (mut event_type, weapon) = match &ev {
            Some((t, _, w, _)) => (t.to_string(), Some(as_written(&parsed, &doc.text, w))),
            None => ("unspecified_attack".to_string(), None),
        };
        // «قتل 9 من الحوثيين وقوات صالح في هجوم للمقاومة»: an attack whose dead are all
        // fighters is an attack on the military
        if event_type == "unspecified_attack"
            && victims_are_fighters(&parsed, clause.unwrap_or(sspan))
        {
            event_type = "attack_on_military".into();
        }
        // «8 #سكري» lines under «ليرتفع عدد شهداء … اليوم»: a per-place daily toll
        if is_list_line(&parsed, si) && has_toll_phrase(f) {
            event_type = "daily_toll".into();
        }
        // date: this sentence, else the document's first written date, else publication
        let in_sent = |d: &&DateExpr| d.start >= sspan.0 && d.end <= sspan.1;
        // a written date that is only the publication date («… يوم أمس 6-5-2016») yields to
        // the relative words next to the event
        let stamp =
            |d: &&DateExpr| (d.explicit && Some(d.date) == doc.published) || on_line_of_its_own(d);
        // (a dateline is the report's, whatever sentence the splitter put it in)
        let here = |d: &&DateExpr| in_sent(d) && !on_line_of_its_own(d);
        let relative_here = dates.iter().filter(here).find(|d| !d.explicit);
        let date = dates
            .iter()
            .filter(here)
            .find(|d| d.explicit && !(stamp(d) && relative_here.is_some()))
            .or(relative_here)
            // (a written date that is only the publication's stamp, a dateline «الأثنين
            // 2016/10/24», yields to the relative words that date the event: «مساء أمس
            // الأحد»)
            .or_else(|| dates_now.iter().copied().find(|d| d.explicit && !stamp(d)))
            .or_else(|| dates_now.iter().copied().find(|d| !d.explicit && !stamp(d)))
            .or_else(|| dates_now.first().copied());
        let (date_s, date_text, time_precision) = match date {
            Some(d) => {
                let (a, b) = parsed.norm.original_span(d.start, d.end);
                (
                    Some(d.date.to_string()),
                    Some(doc.text[a..b].to_string()),
                    d.precision,
                )
            }
            None => match doc.published {
                Some(p) => (Some(p.to_string()), None, 2),
                None => (None, None, 3),
            },
        };
        // casualties: this sentence, joined with the next when that names no other incident
        // place (line breaks split «… أسفر عن استشهاد / 6 أشخاص»); a list line «8 #سكري»
        // under a toll gives the place its own figure; else the document's toll
        let others_in_next = parsed
            .mentions
            .iter()
            .any(|m| m.sentence == si + 1 && m.place != place && m.role == Role::Incident);
        let list_line = is_list_line(&parsed, si);
        let toll_doc = has_toll_phrase(f);
        let claim_span = if si + 1 < parsed.sentences.len() && !others_in_next && !earlier[si + 1] {
            (sspan.0, parsed.sentences[si + 1].1)
        } else {
            parsed.sentences[si]
        };
        let mut claims = if list_line && toll_doc {
            list_line_claims(&parsed, si)
        } else if claim_span == parsed.sentences[si] {
            claims_for(&parsed, si)
        } else {
            claims_for_span(&parsed, claim_span)
        };
        // «… مقتل 22 منهم قرب قاعدة العند، فيما قتل 9 … بمأرب»: when a sentence chains
        // events, each with its own death toll, the place's own clause gives its figures
        if !(list_line && toll_doc) {
            if let Some(clause) = clause_in(f, &breaks, claim_span, (rep.fstart, rep.fend)) {
                let mine = claims_for_span(&parsed, clause);
                let killed_in =
                    |c: &[(Count, Claim)]| c.iter().filter(|c| c.0 == Count::Killed).count();
                if killed_in(&mine) > 0 && killed_in(&claims) > killed_in(&mine) {
                    claims = mine;
                }
            }
        }
        // «دون وقوع إصابات», «اقتصرت الأضرار على المادية»: the report says nobody was hurt
        if claims.is_empty() {
            if let Some(words) = no_casualties(f, claim_span) {
                for count in [Count::Killed, Count::Wounded] {
                    claims.push((
                        count,
                        Claim {
                            value: Some(0),
                            qualifier: Qualifier::Exact,
                            source: "text".into(),
                            text: words.clone(),
                        },
                    ));
                }
            }
        }
        let places_here = parsed
            .mentions
            .iter()
            .filter(|m| m.role == Role::Incident && (m.sentence == si || m.sentence == si + 1))
            .map(|m| m.place)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let mut scope = if claims.is_empty() {
            "none"
        } else if places_here > 1 && !list_line {
            "event"
        } else {
            "place"
        };
        for count in [Count::Killed, Count::Wounded] {
            if !claims.iter().any(|c| c.0 == count) {
                let from_doc: Vec<(Count, Claim)> = doc_claims
                    .iter()
                    .filter(|c| c.0 == count)
                    .cloned()
                    .collect();
                if !from_doc.is_empty() {
                    claims.extend(from_doc);
                    if scope == "none" {
                        scope = "document";
                    }
                }
            }
        }
        // claims carry the words as written, not their folded form
        let written_claim = |c: &Claim| Claim {
            text: as_written(&parsed, &doc.text, &c.text),
            source: if c.source == "text" {
                c.source.clone()
            } else {
                as_written(&parsed, &doc.text, &c.source)
            },
            ..c.clone()
        };
        let killed_claims: Vec<Claim> = claims
            .iter()
            .filter(|c| c.0 == Count::Killed)
            .map(|c| written_claim(&c.1))
            .collect();
        let wounded_claims: Vec<Claim> = claims
            .iter()
            .filter(|c| c.0 == Count::Wounded)
            .map(|c| written_claim(&c.1))
            .collect();
        let (killed, killed_low, killed_high) = summarise(&killed_claims);
        let (wounded, wounded_low, wounded_high) = summarise(&wounded_claims);
        // actors and target: this sentence, else the document
        // (a clause that is its own event names its own actor, or none)
        let mut actors = match (own_clause, clause) {
            (true, Some(c)) => labels_in(&actor_hits, c, ACTORS),
            _ => labels_in(&actor_hits, sspan, ACTORS),
        };
        if actors.is_empty() && !own_clause {
            actors = labels_in(&actor_hits, doc_span, ACTORS);
            actors.truncate(2);
        }
        // «قتل 9 من الحوثيين», «عناصر من قوات النظام»: the group the dead belonged to
        actors.retain(|a| !after_min(&parsed, a.0));
        let orig = |at: usize, len: usize| {
            let (a, b) = parsed.norm.original_span(at, at + len);
            doc.text[a..b].to_string()
        };
        let actor1 = (!actors.is_empty()).then(|| {
            actors
                .iter()
                .map(|a| orig(a.0, a.1.len()))
                .collect::<Vec<_>>()
                .join("; ")
        });
        let mut norm_actors: Vec<&str> = Vec::new();
        for a in &actors {
            if !norm_actors.contains(&a.2) {
                norm_actors.push(a.2);
            }
        }
        // «الطيران الحربي» says only that it was aircraft: a named force replaces it
        if norm_actors.len() > 1 {
            norm_actors.retain(|a| !a.contains("unattributed"));
        }
        let air = [
            "Israeli forces",
            "Russian forces",
            "International coalition",
            "Saudi-led coalition",
            "US forces",
        ];
        // «قصف» by a force without aircraft is shelling
        let ground = [
            "Houthis",
            "Opposition armed groups",
            "Hezbollah",
            "ISIS",
            "SDF",
            "Nusra Front",
            "Hamas",
        ];
        // (a force named by its ground arm, «قوات النظام», «الجيش التركي», shells too)
        let ground_arm = !actors.is_empty()
            && !norm_actors.iter().any(|a| air.contains(a))
            && actors.iter().all(|a| {
                let w = a.1.trim_start_matches('و');
                ["قوات", "جيش", "الجيش", "ميليشيا", "مليشيا", "الميليشيات"]
                    .iter()
                    .any(|g| w.starts_with(g))
            });
        if event_type == "unspecified_attack"
            && weapon.as_deref().is_some_and(|w| w.contains("قصف"))
            && !norm_actors.is_empty()
        {
            if norm_actors.iter().all(|a| ground.contains(a)) || ground_arm {
                event_type = "shelling".into();
            } else if norm_actors.iter().all(|a| air.contains(a)) {
                // and «قصف» by a force that strikes from the air in these wars (Israel in Gaza
                // and Lebanon, Russia in Syria, the coalitions) is an air strike
                event_type = "airstrike".into();
            }
        }
        let actor1_norm = (!norm_actors.is_empty()).then(|| norm_actors.join("; "));
        let target = labels_in(&target_hits, sspan, TARGETS)
            .first()
            .map(|t| t.2.to_string());
        let pl = &gaz.places()[place];
        let admin = gaz.ancestors(place);
        let admin_of = |k: PlaceKind| {
            admin
                .iter()
                .find(|&&j| gaz.places()[j].kind == k)
                .map(|&j| gaz.places()[j].name_en.to_string())
        };
        let alias_note = if group.1.is_empty() || rep.unlisted {
            String::new()
        } else {
            format!(
                "«{}» is listed under {} in the gazetteer (same outline); ",
                rep.text, pl.name_ar
            )
        };
        let reason = format!(
            "{alias_note}{}; event from «{}»",
            rep.reason,
            weapon.clone().unwrap_or_else(|| "no weapon word".into())
        );
        out.incidents.push(Incident {
            id: format!("{}-{}", doc.id, n + 1),
            doc: doc.id.clone(),
            place_mention: rep.text.clone(),
            place_name: if rep.unlisted {
                rep.text.clone()
            } else {
                pl.name_ar.to_string()
            },
            place_name_en: if rep.unlisted {
                format!("near {}", pl.name_en)
            } else {
                pl.name_en.to_string()
            },
            place_id: if rep.unlisted {
                format!("{}~{}", pl.id, name_key(&rep.text).0)
            } else {
                pl.id.to_string()
            },
            place_kind: if rep.unlisted {
                unlisted_kind(rep.trigger)
            } else {
                pl.kind.as_str().to_string()
            },
            admin1: admin_of(PlaceKind::Governorate),
            admin2: admin_of(PlaceKind::District),
            country: pl.country.to_string(),
            lon: pl.lon,
            lat: pl.lat,
            // an unlisted place sits at its container: near a town (2) or in a region (3)
            geo_precision: if rep.unlisted {
                pl.kind.geo_precision().max(2)
            } else {
                pl.kind.geo_precision()
            },
            sub_event_type: acled_sub_event(&event_type).to_string(),
            event_type,
            weapon,
            target,
            actor1,
            actor1_norm,
            date: date_s,
            date_text,
            time_precision,
            killed,
            killed_low,
            killed_high,
            killed_claims,
            wounded,
            wounded_low,
            wounded_high,
            wounded_claims,
            casualty_scope: scope.to_string(),
            mention_start: char_offset(&doc.text, rep.start),
            mention_end: char_offset(&doc.text, rep.end),
            snippet: sent_text(si),
            reason,
            confidence: rep.confidence,
            sources: 1,
            cluster_id: None,
        });
    }
    out
}

/// Similarity of two folded names: Dice coefficient over character bigrams (spaces ignored).
fn dice(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut g: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        g.sort_unstable();
        g
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < ga.len() && j < gb.len() {
        match ga[i].cmp(&gb[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f64 / (ga.len() + gb.len()) as f64
}

/// The kind a trigger word gives a place the gazetteer lacks.
fn unlisted_kind(trigger: Option<&str>) -> String {
    match trigger {
        Some("حي" | "حاره") => "neighbourhood",
        Some("بلده") => "town",
        Some("قريه") => "village",
        Some("مخيم" | "معسكر") => "camp",
        _ => "site",
    }
    .to_string()
}

/// The original words behind a folded piece of the text (its first occurrence); the folded
/// piece itself when it cannot be found.
fn as_written(p: &Parsed, text: &str, folded_piece: &str) -> String {
    let piece = folded_piece.trim();
    if piece.is_empty() {
        return String::new();
    }
    match p.norm.folded.find(piece) {
        Some(at) => {
            let (a, b) = p.norm.original_span(at, at + piece.len());
            text[a..b].to_string()
        }
        None => piece.to_string(),
    }
}

fn is_list_line(p: &Parsed, si: usize) -> bool {
    let (a, b) = p.sentences[si];
    let words = p
        .tokens
        .iter()
        .filter(|t| t.start >= a && t.end <= b && !t.numeric)
        .count();
    words <= 4
}

/// Words that join two separate events in one sentence.
const CLAUSE_BREAKS: [&str; 5] = ["فيما", "بينما", "في حين", "في الوقت الذي", "وياتي ذلك"];

/// Where the break words of [`CLAUSE_BREAKS`] stand in the whole text: (start, length), in
/// text order. Found once per document; whether each is a whole word is judged inside the span
/// asked about, as if the span were the text.
fn clause_breaks(f: &str) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = CLAUSE_BREAKS
        .iter()
        .flat_map(|b| f.match_indices(b).map(|(i, _)| (i, b.len())))
        .collect();
    v.sort_unstable();
    v
}

/// The clause of `span` around `mention` when the sentence chains events (see
/// [`CLAUSE_BREAKS`], found beforehand by [`clause_breaks`]); `None` when it does not.
fn clause_in(
    f: &str,
    all: &[(usize, usize)],
    span: (usize, usize),
    mention: (usize, usize),
) -> Option<(usize, usize)> {
    let breaks: Vec<usize> = all
        .iter()
        .filter(|&&(i, n)| i >= span.0 && i + n <= span.1)
        .filter(|&&(i, n)| {
            let before = f[span.0..i].chars().next_back();
            let after = f[i + n..span.1].chars().next();
            !before.is_some_and(crate::text::is_letter)
                && !after.is_some_and(crate::text::is_letter)
        })
        .map(|&(i, _)| i)
        .collect();
    if breaks.is_empty() {
        return None;
    }
    let start = breaks
        .iter()
        .rev()
        .find(|&&b| b <= mention.0)
        .copied()
        .unwrap_or(span.0);
    let end = breaks
        .iter()
        .find(|&&b| b >= mention.1)
        .copied()
        .unwrap_or(span.1);
    Some((start, end))
}

/// Whether the phrase at byte `at` carries the article («القصف», «بالقصف», «للغارات»).
fn definite(f: &str, at: usize) -> bool {
    let head = f[..at]
        .rsplit(|c: char| !crate::text::is_letter(c))
        .next()
        .unwrap_or("");
    head.ends_with("ال") || head.ends_with("لل")
}

/// A sentence that counts over a period («26 ضحية خلال العام الماضي», «منذ بداية الحرب»):
/// its figures are a running tally, not one attack's.
fn running_tally(s: &str) -> bool {
    const PERIODS: &[&str] = &[
        "خلال العام",
        "خلال الشهر",
        "خلال الاشهر",
        "خلال الاسبوع",
        "خلال الاسابيع",
        "خلال السنوات",
        "خلال الايام",
        "منذ بدايه",
        "منذ مطلع",
        "منذ اندلاع",
        "منذ بدء",
        "منذ السابع من",
        "منذ مارس 2011",
        "منذ عام",
    ];
    (s.contains("خلال") || s.contains("منذ")) && PERIODS.iter().any(|p| s.contains(p))
}

/// The words saying an attack hurt nobody, when a span has them. «لا أنباء عن إصابات» (no
/// news of casualties) is not among them: it says nothing is known.
fn no_casualties(f: &str, span: (usize, usize)) -> Option<String> {
    const NONE: &[&str] = &[
        "دون وقوع اصابات",
        "دون وقوع ضحايا",
        "دون اصابات",
        "دون ان يسفر عن اصابات",
        "دون ان تسفر عن اصابات",
        "دون ان يسفر عن ضحايا",
        "دون ان تسفر عن ضحايا",
        "لم يسفر عن اصابات",
        "لم تسفر عن اصابات",
        "لم يسفر عن وقوع اصابات",
        "لم تسفر عن وقوع اصابات",
        "لم يسفر عن ضحايا",
        "لم تسفر عن ضحايا",
        "لم تسجل اي اصابات",
        "لم تسجل اصابات",
        "اقتصرت الاضرار علي الماديه",
        "اقتصرت الاضرار علي الماديات",
    ];
    let s = &f[span.0..span.1];
    if !(s.contains("دون") || s.contains("لم ") || s.contains("اقتصرت")) {
        return None;
    }
    if let Some(p) = NONE.iter().copied().find(|p| s.contains(p)) {
        return Some(p.to_string());
    }
    // «دون تسجيل إصابات بشرية», «دون ورود أنباء عن سقوط ضحايا», «دون أن يخلف أي ضحايا»: «دون»
    // and, within seven words, casualties — but not «دون تفاصيل عن الخسائر» (unknown) nor
    // «دون الاكتراث للمدنيين»
    const HURT: &[&str] = &["اصابات", "اصابه", "ضحايا", "شهداء", "قتلي", "جرحي"];
    const UNKNOWN: &[&str] = &["تفاصيل", "حصيله", "اكتراث", "احصائيه"];
    for (at, _) in s.match_indices("دون ") {
        if at > 0
            && s[..at]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_letter)
        {
            continue;
        }
        let mut words = Vec::new();
        for raw in s[at..].split_whitespace().take(8) {
            let w = raw.trim_end_matches(|c: char| !crate::text::is_letter(c));
            words.push(w);
            let stem = |l: &[&str]| crate::geoparse::matcher::stems(w).any(|x| l.contains(&x));
            if stem(UNKNOWN) {
                break;
            }
            if stem(HURT) {
                return Some(words.join(" "));
            }
            // punctuation ends the phrase
            if raw.len() != w.len() {
                break;
            }
        }
    }
    None
}

/// Whether a group at byte `at` is named as the dead or hurt: «9 من الحوثيين», «عناصر من
/// قوات النظام» (not «غارات من الطيران الحربي», where «من» says who struck).
fn after_min(p: &Parsed, at: usize) -> bool {
    let i = p.tokens.partition_point(|t| t.start < at);
    let word = |k: usize| &p.norm.folded[p.tokens[k].start..p.tokens[k].end];
    // «قيادي في حماس»: a member's group
    let member = i >= 2
        && word(i - 1) == "في"
        && geoparse::matcher::clitic_forms(word(i - 2)).any(|x| {
            casualties::PERSON_TITLES.contains(&x) || matches!(x, "عضو" | "مسوول" | "قياديا")
        });
    member
        || i >= 2
            && word(i - 1) == "من"
            && (p.tokens[i - 2].numeric
                || casualties::number_word(word(i - 2)).is_some()
                || geoparse::matcher::clitic_forms(word(i - 2))
                    .any(|x| casualties::person_nouns().prefix_of_chars(x, 3)))
}

/// Fighters named in a span and no civilians («عناصر», «جنود», «من الحوثيين»; not «مدنيين»,
/// «أطفال», «عناصر الدفاع المدني»).
fn victims_are_fighters(p: &Parsed, span: (usize, usize)) -> bool {
    const FIGHTERS: &[&str] = &[
        "عناصر",
        "عنصر",
        "جنود",
        "جندي",
        "مقاتل",
        "مسلح",
        "الحوثيين",
        "حوثيين",
        "عسكري",
        "ضابط",
        "ضباط",
        "مرتزق",
        "ارهابي",
        "داعشي",
    ];
    const CIVILIANS: &[&str] = &[
        "مدني",
        "اطفال",
        "طفل",
        "نساء",
        "امراه",
        "مواطن",
        "اشخاص",
        "شخص",
        "عايله",
        "اسره",
        "فلسطيني",
        "سكان",
        "نازح",
        "مسعف",
        "صحفي",
    ];
    let (fighters, civilians) = (crate::word_list!(FIGHTERS), crate::word_list!(CIVILIANS));
    let (a, b) = tok_range(p, span);
    let mut any = false;
    for t in &p.tokens[a..b] {
        let w = &p.norm.folded[t.start..t.end];
        let forms = || {
            geoparse::matcher::clitic_forms(w)
                .flat_map(|x| [Some(x), x.strip_prefix("ال")])
                .flatten()
        };
        if forms().any(|x| civilians.prefix_of_chars(x, 3)) {
            return false;
        }
        any |= forms().any(|x| fighters.prefix_of_chars(x, 3));
    }
    any
}

fn claims_for_span(p: &Parsed, span: (usize, usize)) -> Vec<(Count, Claim)> {
    let r = tok_range(p, span);
    casualties::claims_in(&p.norm.folded, &p.tokens, r)
}

/// Phrases that announce a running toll («ليرتفع عدد شهداء المدينة اليوم الى 27»).
fn has_toll_phrase(f: &str) -> bool {
    [
        "عدد شهداء",
        "عدد الشهداء",
        "عدد القتلي",
        "حصيله",
        "عدد ضحايا",
    ]
    .iter()
    .any(|k| f.contains(k))
}

/// The number on a short list line is the place's own death toll.
fn list_line_claims(p: &Parsed, si: usize) -> Vec<(Count, Claim)> {
    let (a, b) = p.sentences[si];
    p.tokens
        .iter()
        .filter(|t| t.numeric && t.start >= a && t.end <= b)
        .take(1)
        .filter_map(|t| {
            let text = &p.norm.folded[t.start..t.end];
            Some((
                Count::Killed,
                Claim {
                    value: Some(text.parse().ok()?),
                    qualifier: super::types::Qualifier::Exact,
                    source: "text".into(),
                    text: text.to_string(),
                },
            ))
        })
        .collect()
}

/// Document-level claims for places whose own sentences give none: the first sentence with
/// a figure, and sentences that restate the toll («عدد القتلى», «حصيلة»).
fn document_claims<'m>(
    p: &Parsed,
    sent_claims: impl Fn(usize) -> &'m Vec<(Count, Claim)>,
    told_before: &[bool],
) -> Vec<(Count, Claim)> {
    let f = &p.norm.folded;
    let mut out = Vec::new();
    let mut first = true;
    // sentences whose places all are earlier events (one pass over the mentions)
    let mut seen = vec![(false, true); p.sentences.len()];
    for m in &p.mentions {
        if let Some(e) = seen.get_mut(m.sentence) {
            e.0 = true;
            e.1 &= m.role == Role::OtherEvent;
        }
    }
    let only_earlier: Vec<bool> = seen.iter().map(|&(any, all)| any && all).collect();
    for (si, &(a, b)) in p.sentences.iter().enumerate() {
        let s = &f[a..b];
        let restates = ["عدد القتلي", "عدد الشهداء", "حصيله", "عدد الضحايا"]
            .iter()
            .any(|k| s.contains(k));
        // after the first sentence with a figure, only restating ones count: the others'
        // claims are not needed here
        if !first && !restates {
            continue;
        }
        // «والإثنين الماضي، قتل 39 …»: the figures of an earlier event are not this one's
        let earlier = told_before[si] || only_earlier[si];
        if earlier {
            continue;
        }
        let c = sent_claims(si);
        if c.is_empty() {
            continue;
        }
        out.extend(c.iter().cloned());
        first = false;
    }
    out
}

/// The claims of sentence `si`, computed on first use.
fn sentence_claims<'m>(
    memo: &'m [OnceCell<Vec<(Count, Claim)>>],
    p: &Parsed,
    si: usize,
) -> &'m Vec<(Count, Claim)> {
    memo[si].get_or_init(|| claims_for_span(p, p.sentences[si]))
}

/// A date on a line of its own, a dateline («الجمعة 2018/05/25»): when the report was
/// written, not when the event was. (Lines are the original text's: folding makes every
/// space one.)
fn on_dateline(text: &str, norm: &NormText, dates: &[DateExpr], d: &DateExpr) -> bool {
    let (s, e) = norm.original_span(d.start, d.end);
    let a = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let b = text[e..].find('\n').map_or(text.len(), |i| e + i);
    // (a dateline is short: a long line is a paragraph, whatever dates it holds)
    if b - a > 120 {
        return false;
    }
    // (the letters of the line outside its dates, counted without copying them)
    let letters = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count();
    let mut outside = 0;
    let mut at = a;
    for x in dates {
        let (xs, xe) = norm.original_span(x.start, x.end);
        if xs >= at && xe <= b {
            outside += letters(&text[at..xs]);
            at = xe;
        }
    }
    outside += letters(&text[at.min(b)..b]);
    outside <= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn clause_of(f: &str, span: (usize, usize), mention: (usize, usize)) -> Option<(usize, usize)> {
        clause_in(f, &clause_breaks(f), span, mention)
    }

    #[test]
    fn clause_of_splits_chained_events() {
        let f = fold("لقي 8 أشخاص مصرعهم في عدن، فيما قتل 9 في هجوم بمأرب");
        let at = f.find("مارب").unwrap();
        let (a, b) = clause_of(&f, (0, f.len()), (at, at + "مارب".len())).unwrap();
        assert!(f[a..b].starts_with("فيما قتل 9"), "{}", &f[a..b]);
        let at = f.find("عدن").unwrap();
        let (a, b) = clause_of(&f, (0, f.len()), (at, at + "عدن".len())).unwrap();
        assert_eq!(a, 0);
        assert!(
            f[a..b].contains("8") && !f[a..b].contains("9"),
            "{}",
            &f[a..b]
        );
        // «فيمان» is not «فيما»; no break word, no clause
        let g = fold("قصف على حي فيمان قتل 3");
        assert_eq!(clause_of(&g, (0, g.len()), (0, 3)), None);
    }
}
