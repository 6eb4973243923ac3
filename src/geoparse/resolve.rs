//! Choosing the gazetteer entry for each mention from its context.
//!
//! Evidence, added to the population/kind prior ([`Gazetteer::prior`]):
//! - the trigger's kind («حي» → a neighbourhood, «بلدة» → a town or village);
//! - an explicit container right after the name («حي الزهراء بمدينة حمص», «بريف إدلب»);
//! - the document's focus: places near (≤ 30 km) or inside the places named unambiguously
//!   elsewhere in the same text;
//! - the countries the text names.

use super::lexicon::COMPASS;
use super::matcher::Accepted;
use super::Token;
use crate::gazetteer::{Gazetteer, PlaceKind};
use geo::{Distance, Haversine, Point};

/// A mention with its chosen place.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub acc: Accepted,
    pub place: usize,
    pub candidates: usize,
    pub reason: String,
    pub confidence: f64,
    /// The text names a container («حي الظهرة وسط العاصمة طرابلس») and no candidate lies in it:
    /// the gazetteer lacks this place, so the match is not trusted.
    pub outside_container: bool,
}

/// One piece of evidence for a candidate place, kept as data: only the chosen place's
/// reasons are written out, so most candidates' reasons need no text at all.
#[derive(Debug, Clone, Copy)]
enum Why<'a> {
    Prior(f64),
    /// The trigger word, where it stood, and whether it does not fit the place's kind.
    Trigger(&'a str, &'a str, bool),
    Inside(&'a str),
    ListedInside(&'a str),
    Near(&'a str),
    NearOthers,
    ListedNear,
    CountryNamed(&'a str),
    NotTheCountry,
    TextCountry(&'a str),
    Abroad(&'a str),
}

impl Why<'_> {
    /// The reasons as the `reason` field gives them, joined by «, ».
    fn text(why: &[Why]) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (i, w) in why.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = match *w {
                Why::Prior(s) => write!(out, "prior {s:.1}"),
                Why::Trigger(word, elsewhere, bad) => write!(
                    out,
                    "trigger {word}{elsewhere}{}",
                    if bad { " (does not fit)" } else { "" }
                ),
                Why::Inside(n) => write!(out, "inside {n}"),
                Why::ListedInside(n) => write!(out, "listed with places inside {n}"),
                Why::Near(n) => write!(out, "near {n}"),
                Why::NearOthers => write!(out, "near other places named"),
                Why::ListedNear => write!(out, "listed with a place near it"),
                Why::CountryNamed(c) => write!(out, "country {c} named"),
                Why::NotTheCountry => write!(out, "rather than the country of the same name"),
                Why::TextCountry(c) => write!(out, "in {c}, the text's country"),
                Why::Abroad(c) => write!(out, "in {c}, a country the text does not name"),
            };
        }
        out
    }
}

/// Great-circle distance between two gazetteer places, kilometres.
pub fn km(gaz: &Gazetteer, a: usize, b: usize) -> f64 {
    let (p, q) = (&gaz.places()[a], &gaz.places()[b]);
    Haversine.distance(Point::new(p.lon, p.lat), Point::new(q.lon, q.lat)) / 1000.0
}

fn candidates(acc: &Accepted) -> Vec<usize> {
    let mut v: Vec<usize> = acc.found.refs.iter().map(|r| r.place as usize).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn trigger_fit(kind: PlaceKind, trig: &str) -> f64 {
    use PlaceKind::*;
    match (trig, kind) {
        ("neighbourhood", Neighbourhood) => 2.5,
        ("neighbourhood", Site | Camp) => 1.0,
        // («حي #صلاح الدين» is Aleppo's quarter, not the Iraqi city of that name)
        ("neighbourhood", City | Governorate) => -1.5,
        ("town" | "village", Town | Village) => 2.0,
        ("town" | "village", City) => 1.0,
        ("city", City | Town) => 2.0,
        // (OCHA lists many towns as communities without a kind of their own: «مدينة مسكنة»
        // is the community, not the sub-district of the same name)
        ("city", Village) => 1.0,
        ("camp", Camp) => 2.5,
        ("site", Site) => 1.5,
        ("region", Governorate | District | City) => 1.5,
        ("district", District) => 2.5,
        ("district", Town | Village | City) => 0.5,
        ("area", Neighbourhood | Town | Village | Site) => 0.5,
        _ => 0.0,
    }
}

/// Resolve every accepted mention to one place.
pub fn resolve(
    folded: &str,
    tokens: &[Token],
    accepted: Vec<Accepted>,
    gaz: &Gazetteer,
) -> Vec<Resolved> {
    let cands: Vec<Vec<usize>> = accepted.iter().map(candidates).collect();
    // anchors: names with one possible place (countries excluded: they say little of focus)
    let mut context: Vec<Option<usize>> =
        cands.iter().map(|c| (c.len() == 1).then(|| c[0])).collect();
    // (a country in the name of a street or a square, «شارع الكويت», is not the text's)
    // the countries the text names, and those named by a name that is only a country
    // («الأردن», not «عمان», which is Oman and Amman)
    let is_country = |i: usize| gaz.places()[i].kind == PlaceKind::Country;
    let mut countries: Vec<&str> = Vec::new();
    let mut countries_for_sure: Vec<&str> = Vec::new();
    for (cs, _) in cands
        .iter()
        .zip(&accepted)
        .filter(|(_, a)| !a.in_site_name())
    {
        let only = cs.iter().all(|&i| is_country(i));
        for &i in cs.iter().filter(|&&i| is_country(i)) {
            countries.push(&gaz.places()[i].country);
            if only {
                countries_for_sure.push(&gaz.places()[i].country);
            }
        }
    }
    let names_arab_country = countries
        .iter()
        .any(|c| crate::gazetteer::is_arab_country(c));
    // the country the text is about: the one most names point to without doubt (every
    // candidate of the name in it), if it has at least two such names and two thirds of them
    let doc_country: Option<&str> = {
        let mut votes: std::collections::BTreeMap<&str, usize> = Default::default();
        for cs in &cands {
            let mut it = cs
                .iter()
                .filter(|&&c| gaz.places()[c].kind != PlaceKind::Country)
                .map(|&c| gaz.places()[c].country.as_ref());
            if let Some(first) = it.next() {
                if it.all(|x| x == first) {
                    *votes.entry(first).or_default() += 1;
                }
            }
        }
        let total: usize = votes.values().sum();
        votes
            .into_iter()
            .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
            .filter(|&(_, n)| n >= 2 && n * 3 >= total * 2)
            .map(|(c, _)| c)
    };
    // whether a candidate of mention `cj` holds place `c` (its ancestor, or a place of the
    // same or a larger kind within 25 km); `regions`: natural regions hold any kind
    // a region abroad is one point without the towns under it («مدينة الفاشر في ولاية شمال
    // دارفور»): it holds the towns of its country within a region's reach
    let reach = |k: usize, c: usize| {
        let p = &gaz.places()[k];
        if p.kind == PlaceKind::Governorate
            && p.country != "SY"
            && p.country == gaz.places()[c].country
        {
            400.0
        } else {
            25.0
        }
    };
    let holds = |cj: usize, c: usize, regions: bool| {
        cands[cj].iter().any(|&k| {
            k != c
                && (gaz.places()[k].kind <= gaz.places()[c].kind
                    || (regions && super::roles::is_natural_region(gaz, k)))
                && (gaz.is_ancestor(k, c) || km(gaz, k, c) <= reach(k, c))
        })
    };
    // per mention, what does not change with the candidate or the pass:
    // (a name written once with its place word is that kind of place wherever the text
    // repeats it: «صلاح الدين 12-6-2016 … على حي #صلاح الدين»)
    let triggers: Vec<Option<((&str, &str), &str)>> = accepted
        .iter()
        .map(|acc| {
            acc.trigger.map(|t| (t, "")).or_else(|| {
                accepted
                    .iter()
                    .find(|o| o.found.key == acc.found.key && o.trigger.is_some())
                    .and_then(|o| o.trigger)
                    .map(|t| (t, " elsewhere in the text"))
            })
        })
        .collect();
    // the mentions listed right beside each one («حيي الميدان والأشرفية»)
    let list_neighbours: Vec<Vec<usize>> = (0..accepted.len())
        .map(|mi| {
            [mi.checked_sub(1), Some(mi + 1)]
                .into_iter()
                .flatten()
                .filter(|&o| o < accepted.len() && list_pair(folded, tokens, &accepted, o.min(mi)))
                .collect()
        })
        .collect();
    // whether a name could be a place in the Arab world
    let arab_candidate: Vec<bool> = cands
        .iter()
        .map(|cs| {
            cs.iter()
                .any(|&o| crate::gazetteer::is_arab_country(&gaz.places()[o].country))
        })
        .collect();
    let mut chosen: Vec<(usize, f64, f64, Vec<Why>)> = Vec::new();
    let mut outside: Vec<bool> = vec![false; accepted.len()];
    for pass in 0..2 {
        chosen.clear();
        // Document focus, computed per distinct place rather than per mention pair so that a
        // long text (thousands of mentions) stays linear: how many mentions anchor each place,
        // and, per candidate, up to two anchors near or above it.
        let mut anchors: std::collections::BTreeMap<usize, usize> = Default::default();
        for o in context.iter().flatten() {
            if gaz.places()[*o].kind != PlaceKind::Country {
                *anchors.entry(*o).or_default() += 1;
            }
        }
        let mut near: std::collections::HashMap<usize, Vec<usize>> = Default::default();
        // «قرى الحويز وجسر بيت الراس وشهرناز بريف حماة»: the container after a list holds
        // its earlier items too (a hint for them, never a reason to drop one)
        let direct: Vec<Option<usize>> = (0..accepted.len())
            .map(|mi| container_after(folded, tokens, &accepted, mi))
            .collect();
        let mut listed: Vec<Option<usize>> = vec![None; accepted.len()];
        for mi in (0..accepted.len().saturating_sub(1)).rev() {
            if direct[mi].is_some() {
                continue;
            }
            let (a, b) = (&accepted[mi].found, &accepted[mi + 1].found);
            let gap = &folded[tokens[a.tok_last].end..tokens[b.tok_first].start];
            let joined = b.clitic == "و"
                && b.tok_first <= a.tok_last + 7
                && !gap.contains(['.', ':', '؛', '\n']);
            if joined {
                listed[mi] = direct[mi + 1].or(listed[mi + 1]);
            }
        }
        for mi in 0..accepted.len() {
            let mut best: Vec<(f64, usize, Vec<Why>)> = Vec::new();
            // the mention right after this one, if it is linked as a container
            let container = direct[mi];
            let list_container = listed[mi];
            let compass = compass_after(folded, tokens, &accepted, mi);
            // a container all of whose places lie in countries the text does not name, in a
            // text that names an Arab country, is itself a namesake abroad («الحزم في محافظة
            // الجوف شمال اليمن»: the gazetteer's only الجوف is in Libya)
            let foreign_container = container.is_some_and(|cj| {
                names_arab_country
                    && cands[cj]
                        .iter()
                        .all(|&k| !countries.contains(&gaz.places()[k].country.as_ref()))
            });
            let mut any_inside = container.is_none() || foreign_container;
            for &c in &cands[mi] {
                let p = &gaz.places()[c];
                let mut s = gaz.prior(c);
                let mut why: Vec<Why> = vec![Why::Prior(s)];
                if let Some(((word, kind), elsewhere)) = triggers[mi] {
                    let t = trigger_fit(p.kind, kind);
                    if t != 0.0 {
                        s += t;
                        why.push(Why::Trigger(word, elsewhere, t < 0.0));
                    }
                }
                if let Some(cj) = container {
                    // «دوما في الغوطة الشرقية»: a natural region holds towns too
                    if holds(cj, c, true) {
                        any_inside = true;
                        s += 4.0;
                        why.push(Why::Inside(
                            &folded[accepted[cj].found.wstart..accepted[cj].found.kend],
                        ));
                    }
                }
                if let Some(cj) = list_container {
                    if holds(cj, c, false) {
                        s += 4.0;
                        why.push(Why::ListedInside(
                            &folded[accepted[cj].found.wstart..accepted[cj].found.kend],
                        ));
                    }
                }
                // «مدينة أريحا جنوب إدلب»: a place given by its direction from another is near it
                if let Some(cj) = compass {
                    let near_ref = cands[cj]
                        .iter()
                        .any(|&k| k != c && (gaz.is_ancestor(k, c) || km(gaz, k, c) <= 60.0));
                    if near_ref {
                        s += 3.0;
                        why.push(Why::Near(
                            &folded[accepted[cj].found.wstart..accepted[cj].found.kend],
                        ));
                    }
                }
                // document focus: near or inside places named elsewhere
                let mut focus = 0.0f64;
                let close = near.entry(c).or_insert_with(|| {
                    anchors
                        .keys()
                        .copied()
                        .filter(|&o| o != c && (gaz.is_ancestor(o, c) || km(gaz, o, c) <= 30.0))
                        .take(2)
                        .collect()
                });
                // another mention anchors one of them (this mention's own anchor does not count)
                if close
                    .iter()
                    .any(|&o| context[mi] != Some(o) || anchors.get(&o).is_some_and(|&n| n > 1))
                {
                    focus = if pass == 0 { 2.0 } else { 2.5 };
                }
                if focus > 0.0 {
                    s += focus;
                    why.push(Why::NearOthers);
                }
                // «حيي الميدان والأشرفية»: items of one list lie together (the Aleppo Midan
                // beside Aleppo's Ashrafiyeh, not Damascus's)
                if pass > 0
                    && list_neighbours[mi]
                        .iter()
                        .filter_map(|&o| context[o])
                        .any(|o| o != c && km(gaz, o, c) <= 10.0)
                {
                    s += 1.0;
                    why.push(Why::ListedNear);
                }
                if countries.contains(&p.country.as_ref()) && p.kind != PlaceKind::Country {
                    s += 1.0;
                    why.push(Why::CountryNamed(&p.country));
                    // «#عمان … #الاردن»: a city whose country the text names for sure, against
                    // another country of the same name, is the city (Amman, not Oman)
                    if countries_for_sure.contains(&p.country.as_ref())
                        && cands[mi].iter().any(|&o| {
                            let q = &gaz.places()[o];
                            q.kind == PlaceKind::Country && q.country != p.country
                        })
                    {
                        s += 2.0;
                        why.push(Why::NotTheCountry);
                    }
                }
                // «بلدة الصور … دير الزور»: in the country the text is about (not Tyre)
                if doc_country == Some(p.country.as_ref())
                    && p.kind != PlaceKind::Country
                    && cands[mi]
                        .iter()
                        .any(|&o| gaz.places()[o].country != p.country)
                {
                    s += 2.0;
                    why.push(Why::TextCountry(&p.country));
                }
                // «الدفاع المدني في بنش»: an Arabic report's namesake outside the Arab world
                // (Binche, Belgium) is its place only when the text names its country
                if p.kind != PlaceKind::Country
                    && !crate::gazetteer::is_arab_country(&p.country)
                    && !countries.contains(&p.country.as_ref())
                    && arab_candidate[mi]
                {
                    s -= 1.5;
                    why.push(Why::Abroad(&p.country));
                }
                best.push((s, c, why));
            }
            best.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then_with(|| gaz.places()[a.1].id.cmp(&gaz.places()[b.1].id))
            });
            // a village listed before a container and nowhere near it is one the gazetteer
            // lacks there («الحويز … بريف حماة» is no Latakia village)
            let list_far = list_container.is_some_and(|cj| {
                cands[mi].iter().all(|&c| {
                    gaz.places()[c].kind == PlaceKind::Village
                        && cands[cj]
                            .iter()
                            .all(|&k| k == c || (!gaz.is_ancestor(k, c) && km(gaz, k, c) > 60.0))
                })
            });
            outside[mi] = !any_inside || list_far;
            let s2 = best.get(1).map(|b| b.0).unwrap_or(f64::NEG_INFINITY);
            let (s1, c1, why) = best.swap_remove(0);
            chosen.push((c1, s1, s2, why));
        }
        context = chosen.iter().map(|c| Some(c.0)).collect();
    }
    accepted
        .into_iter()
        .zip(chosen)
        .zip(cands)
        .zip(outside)
        .map(
            |(((acc, (place, s1, s2, why)), cands), outside_container)| {
                let margin = if s2.is_finite() { s1 - s2 } else { 5.0 };
                let base = match acc.cue {
                    "common_word" => 0.4,
                    "rare_word" | "preposition+known_city" => 0.7,
                    _ => 0.85,
                };
                let confidence =
                    (base * (1.0 / (1.0 + (-margin).exp()) * 0.5 + 0.5) * 100.0).round() / 100.0;
                Resolved {
                    reason: format!(
                        "found by {}; chose {} of {}: {}",
                        acc.cue,
                        1,
                        cands.len(),
                        Why::text(&why)
                    ),
                    acc,
                    place,
                    candidates: cands.len(),
                    confidence,
                    outside_container,
                }
            },
        )
        .collect()
}

/// Mentions `a` and `a + 1` are items of one list: the second joined by «و» or a comma right
/// after the first, in the same clause.
fn list_pair(folded: &str, tokens: &[Token], accepted: &[Accepted], a: usize) -> bool {
    let (Some(x), Some(y)) = (accepted.get(a), accepted.get(a + 1)) else {
        return false;
    };
    let (x, y) = (&x.found, &y.found);
    if y.tok_first <= x.tok_last || y.tok_first > x.tok_last + 2 {
        return false;
    }
    let gap = &folded[tokens[x.tok_last].end..tokens[y.tok_first].start];
    (y.clitic == "و" || gap.contains(['،', ',']))
        && !gap.contains(['.', ':', '؛', '\n'])
        && gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '،' | ',' | 'و'))
}

/// The next mention, at most three words after this one, with the words and the text between
/// them — `None` when the text between holds one of `breaks`.
fn next_within_three<'f>(
    folded: &'f str,
    tokens: &[Token],
    accepted: &[Accepted],
    mi: usize,
    breaks: &[char],
) -> Option<(usize, Vec<&'f str>)> {
    let nj = mi + 1;
    let next = &accepted.get(nj)?.found;
    let me = &accepted[mi].found;
    let gap = next.tok_first.checked_sub(me.tok_last + 1)?;
    if gap > 3 || folded[tokens[me.tok_last].end..tokens[next.tok_first].start].contains(breaks) {
        return None;
    }
    let between = (me.tok_last + 1..next.tok_first)
        .map(|t| &folded[tokens[t].start..tokens[t].end])
        .collect();
    Some((nj, between))
}

/// The next mention if this one is placed by its direction from it: «X جنوب Y», «X شمالي Y»,
/// «X جنوب غرب Y».
fn compass_after(
    folded: &str,
    tokens: &[Token],
    accepted: &[Accepted],
    mi: usize,
) -> Option<usize> {
    let (nj, between) = next_within_three(
        folded,
        tokens,
        accepted,
        mi,
        &['.', '،', ',', '\n', '(', ')'],
    )?;
    // the bare compass words («بجنوب» too), not the adjectives with the article
    let compass = |w: &&str| {
        let w = w.strip_prefix('ب').unwrap_or(w);
        !w.starts_with("ال") && COMPASS.contains(&w)
    };
    (between.iter().any(compass) && between.iter().all(|w| compass(w) || *w == "مدينه"))
        .then_some(nj)
}

/// The next mention if it is attached as a container: «X في Y», «X بمدينة Y», «X بريف Y»,
/// «X وسط العاصمة Y». Compass words («X شمال Y») do not attach.
pub fn container_after(
    folded: &str,
    tokens: &[Token],
    accepted: &[Accepted],
    mi: usize,
) -> Option<usize> {
    let (nj, between) = next_within_three(
        folded,
        tokens,
        accepted,
        mi,
        &['.', '،', ',', '\n', '-', '(', ')'],
    )?;
    let next = &accepted[nj];
    let linked_by_clitic = matches!(next.found.clitic, "ب" | "وب");
    let ok_words = between.iter().all(|w| {
        matches!(
            *w,
            "في" | "وسط"
                | "بمدينه"
                | "مدينه"
                | "العاصمه"
                | "بالعاصمه"
                | "بريف"
                | "ريف"
                | "محافظه"
                | "بمحافظه"
                | "قضاء"
                | "بضاحيه"
                | "ضاحيه"
                | "منطقه"
                | "بمنطقه"
        ) || w.ends_with("يه")
    });
    let has_link = linked_by_clitic
        || between.iter().any(|w| {
            matches!(
                *w,
                "في" | "وسط"
                    | "بمدينه"
                    | "بالعاصمه"
                    | "بريف"
                    | "بمحافظه"
                    | "بضاحيه"
                    | "بمنطقه"
            )
        });
    (ok_words && has_link).then_some(nj)
}
