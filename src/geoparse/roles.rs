//! Which places are where the attack landed.
//!
//! Each mention first gets a role from the words around it (organisation names, seats, origin
//! of fire, landmarks, datelines, regions, sentences without an attack). Then, over the whole
//! document, a city or region that contains a more specific incident place is context, not a
//! second incident — unless the text attaches it to that place («حي الزهراء بمدينة حمص»).

use super::lexicon::*;
use super::matcher::{sentence_of, stems};
use super::resolve::{container_after, km, Resolved};
use super::{PlaceMention, Role, Token};
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::text::words::{remembered, Asked, WordList};
use std::sync::OnceLock;

type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

fn in_list(w: &str, list: &'static [&'static str]) -> bool {
    // (every stem of a word is a tail of it: when no word of the list ends in the word's last
    // two bytes, no stem is in the list, told without the memo's two hash lookups)
    let last = w.as_bytes().last_chunk::<2>();
    if !list
        .iter()
        .any(|x| x.len() < 2 || x.as_bytes().last_chunk::<2>() == last)
    {
        return false;
    }
    remembered(Asked::InList, list.as_ptr() as usize, list.len(), w, || {
        stems(w).any(|f| list.contains(&f))
    })
}

/// Reasons that take a found name for a place elsewhere than the text's own: a name the text
/// uses for one of its own places the gazetteer lacks (a quarter, a street, a market) may be
/// read again by the stages after ([`super::sites`], the unlisted places).
pub(crate) const NOT_IN_CONTAINER: &str =
    "no place of this name lies in the container the text names";
pub(crate) const SMALL_ABROAD: &str =
    "a small place in another country than the text's other places";
pub(crate) const BARE_ABROAD: &str = "a bare name in another country than the text's other places";
pub(crate) const GENERIC_FAR: &str = "a generic name";

/// Was the mention set aside as a place elsewhere («سوق الهال» of another city, «الوادي» in
/// Algeria) by one of `reasons`?
pub(crate) fn set_aside_as(m: &PlaceMention, reasons: &[&str]) -> bool {
    m.role == Role::Other && reasons.iter().any(|r| m.reason.starts_with(r))
}

/// Do the words before a place (nearest first) say fire came from it: «من مواقعها في»,
/// «انطلاقاً من», «صواريخ تنطلق من مطار تعز», «موقع إطلاق المسيرة في»?
pub(crate) fn fired_from(before: &[&str]) -> bool {
    (before
        .iter()
        .take(6)
        .position(|w| in_list(w, ORIGIN_STRONG))
        // («بقذيفة أطلقها الحوثيون استهدفت حي المطار»: the verb of striking between says
        // where it landed)
        .is_some_and(|k| {
            !before[..k].iter().any(|w| {
                matches!(
                    w.strip_prefix('و').unwrap_or(w),
                    "استهدفت" | "استهدف" | "طالت" | "طال" | "اصابت" | "ضربت" | "قصفت"
                )
            })
        })
        // («قذائف أطلقها مسلحون على حمص»: fired at it, not from it)
        && !aimed_at(before))
        || (before.iter().take(5).any(|w| in_list(w, ORIGIN_WEAK))
            && before.iter().take(5).any(|w| *w == "من"))
        // «من أحد مواقعها بمنطقة ريام بمديرية رداع»: six words back, «من» first (not
        // «علاوة على مواقع بالقرب من … ومعسكر …»)
        || before
            .iter()
            .take(6)
            .position(|w| *w == "من")
            .is_some_and(|k| before[..k].iter().any(|w| in_list(w, ORIGIN_WEAK)))
        || came_from(before, LAUNCHED_FROM)
        // «تدمير موقع إطلاق المسيرة في صعدة»: a launch site
        || before.windows(2).take(5).any(|w| {
            w[0] == "اطلاق" && in_list(w[1], &["موقع", "مواقع", "منصه", "منصات", "قاعده"])
        })
}

/// 1 when the word right before a place is its place word («مدينة», «العاصمة»): the words
/// that say what the place is start after it.
fn place_word_first(before: &[&str]) -> usize {
    usize::from(
        before
            .first()
            .is_some_and(|w| super::matcher::trigger_of(w).is_some()),
    )
}

/// «أطلقت على أحياء العاصمة السورية من عمق مدينة دوما»: fired from inside it, the verb up to
/// seven words before «من» (`before`: the words before the place, nearest first; `wider`: ten
/// of them, gathered only when «من عمق/داخل» stands right before the place).
fn fired_from_inside<'a>(before: &[&str], wider: impl FnOnce() -> Vec<&'a str>) -> bool {
    let k = place_word_first(before);
    before.get(k).is_some_and(|w| matches!(*w, "عمق" | "داخل"))
        && before.get(k + 1) == Some(&"من")
        && wider()
            .iter()
            .skip(k + 2)
            .take(7)
            .any(|w| in_list(w, LAUNCHED_FROM))
}

/// «W <link> X» or «W <link> مدينة X», with a word W within `n` words before the link that
/// `says` accepts (`before`: the words before the place, nearest first).
fn linked_after(before: &[&str], link: &str, n: usize, says: impl Fn(&str) -> bool) -> bool {
    let skip = place_word_first(before);
    before.get(skip) == Some(&link) && before.iter().skip(skip + 1).take(n).any(|w| says(w))
}

/// «قائد فرقة الدفاع المدني بمدينة الأتارب، التي حضرت إلى الدانا لإخماد الحريق»: a rescue team
/// named by its town, and a verb of coming after the town: the team's base, not where the
/// attack was (a centre struck has no verb of coming: «قصف مركز الدفاع المدني في هنانو»).
fn responders_came<'a>(before: &[&str], after: impl FnOnce() -> Vec<&'a str>) -> bool {
    const RESCUERS: &[&str] = &["اطفاء", "الاطفاء", "اسعاف", "الاسعاف", "انقاذ", "الانقاذ"];
    const CAME: &[&str] = &[
        "حضرت",
        "حضر",
        "حضروا",
        "توجهت",
        "توجه",
        "توجهوا",
        "هرعت",
        "هرع",
        "هرعوا",
        "وصلت",
        "وصل",
        "وصلوا",
        "قدمت",
        "انتقلت",
        "ساندت",
        "شاركت",
    ];
    let near = &before[..before.len().min(5)];
    let rescuers = near.iter().any(|w| in_list(w, RESCUERS))
        || near
            .windows(2)
            .any(|p| in_list(p[0], &["المدني"]) && in_list(p[1], &["الدفاع"]));
    rescuers && after().iter().any(|w| in_list(w, CAME))
}

/// «… من X» or «… من مدينة X» right after one of `verbs`.
fn came_from(before: &[&str], verbs: &'static [&'static str]) -> bool {
    linked_after(before, "من", 3, |w| in_list(w, verbs))
}

/// The sentence so far places what follows in an earlier attack: «بعد أسبوع من مجزرة
/// مشابهة في …», «في ذكرى مجزرة …», «نفذوا في الآونة الأخيرة سلسلة من التفجيرات في …».
///
/// With `only_marked_or_span`, only a marker of the past or a span of time after another
/// attack counts («بعد يوم من إصابة قاعدة …»), not «بعد أن قصف …», which also tells what
/// caused the casualties of the report's own attack.
pub(crate) fn earlier_attack(
    seg: &str,
    markers_in_sentence: bool,
    only_marked_or_span: bool,
) -> bool {
    // the words after the last `marker`, when they stay in its clause and are few
    let after = |marker: &str| -> Option<Vec<&str>> {
        let rest = &seg[seg.rfind(marker)? + marker.len()..];
        let words: Vec<&str> = rest.split_whitespace().collect();
        (!rest.contains(['،', ',', '.']) && words.len() <= 8).then_some(words)
    };
    let attack = |w: &&str| in_list(w, EARLIER_ATTACKS);
    let marked = markers_in_sentence
        && PAST_MARKERS.iter().any(|marker| {
            let Some(at) = seg.rfind(marker) else {
                return false;
            };
            let rest = &seg[at + marker.len()..];
            // the marker's clause names an attack soon after it («الأسبوع الماضي حيث شن الطيران
            // الحربي غارات على بعض المناطق منها معرة النعمان والسجن المركزي في إدلب»)
            let in_clause = !rest.contains(['،', ',', '.'])
                && rest.split_whitespace().count() <= 14
                && rest.split_whitespace().take(6).any(|w| attack(&w));
            // «واستهدفت قبل يومين قوات النظام … مدينة اللطامنة»: the attack verb, then the
            // marker; the object follows within the sentence
            in_clause || {
                let verb = seg[..at].split_whitespace().next_back().unwrap_or("");
                let verb = verb.strip_prefix('و').unwrap_or(verb);
                ["استهدف", "قصف", "شن", "ضرب", "اغار", "القي", "القت"]
                    .iter()
                    .any(|v| verb.starts_with(v))
                    && rest.split_whitespace().count() <= 13
            }
        });
    // «بعد يوم من احتفال … في بنغازي»: a day, days or a week after another event
    const SPANS: &[&str] = &[
        "يوم",
        "يومين",
        "ايام",
        "ساعات",
        "ساعه",
        "ساعتين",
        "اسبوع",
        "اسبوعين",
        "شهر",
        "اسابيع",
    ];
    // (a count may stand before the span: «بعد خمسة أيام من استهداف …», «بعد 3 ايام من»)
    let span_after = seg.rfind("بعد ").is_some_and(|at| {
        let rest = &seg[at + "بعد ".len()..];
        // («بعد مضي 24 ساعة من …», «بعد مرور يومين على …»)
        let w: Vec<&str> = rest
            .split_whitespace()
            .skip_while(|x| matches!(*x, "مضي" | "مرور"))
            .take(3)
            .collect();
        let span_at = |i: usize| w.get(i).is_some_and(|x| SPANS.contains(x));
        // («بعد أيام على مجزرة …» as well as «من»)
        let link = |i: usize| w.get(i).is_some_and(|x| matches!(*x, "من" | "علي"));
        !rest.contains(['،', ',', '.'])
            && rest.split_whitespace().count() <= 16
            && ((span_at(0) && link(1)) || (span_at(1) && link(2)))
    });
    if only_marked_or_span {
        return marked || span_after;
    }
    marked
        || span_after
        || after("بعد ").is_some_and(|words| {
            words.iter().take(5).any(attack) && words.iter().take(4).any(|w| *w == "من")
        })
        || after("ذكري ").is_some_and(|words| words.iter().take(5).any(attack))
        // «ويأتي هذا القصف بعد أن تعرضت بلدة الهبيط لقصف مماثل»
        || after("بعد ان ").is_some_and(|words| {
            words
                .iter()
                .take(6)
                .any(|w| attack(w) || w.strip_prefix('و').unwrap_or(w).starts_with("تعرض"))
        })
}

/// The clause so far tells a ground advance that the place is the scene of: «بعد تقدم الجيش
/// السوري في الأحياء الشرقية لحلب», «حاولت التقدم من جهة باشكوي ومطار النيرب». Fighting
/// over ground is no strike on the place (GOLD.md: combat_location).
pub(crate) fn ground_advance(seg: &str) -> bool {
    let clause = seg.rsplit(['،', ',']).next().unwrap_or(seg);
    if !clause.contains("تقدم") && !clause.contains("توغل") && !clause.contains("سيطر")
    {
        return false;
    }
    let words: Vec<&str> = clause.split_whitespace().collect();
    let from = words.len().saturating_sub(7);
    // taking control of a place, not «under its control»: «من استعادة السيطرة على قرية
    // عطشان», «سيطرت قوات النظام على بلدة …» (the subject may stand between)
    let control = |i: usize| {
        stems(words[i]).any(|x| x.starts_with("سيطر"))
            && words[i + 1..]
                .iter()
                .take(3)
                .any(|w| matches!(*w, "علي" | "على"))
    };
    (from..words.len())
        .find(|&i| {
            stems(words[i]).any(|x| x.starts_with("تقدم") || x.starts_with("توغل")) || control(i)
        })
        .map(|i| i - from)
        .is_some_and(|at| {
            // (no strike told after it: «تقدمت القوات وقصفت …», «السيطرة على مطار طرابلس
            // وطائرات حفتر تقصف مطار معيتيقة»)
            !words[from + at + 1..]
                .iter()
                .any(|w| in_list(w, EARLIER_ATTACKS) || is_cue(w, strong_attack_cues()))
        })
}

/// The clause so far tells clashes where the place is (GOLD.md: combat_location): «دارت
/// اشتباكات بين مقاتلي المعارضة وجيش النظام على جبهات الشيخ سعيد», with no strike and no one
/// killed or wounded told in it (people killed in clashes near a place make it an incident:
/// «مقتل 22 من الميليشيا باشتباكات معها قرب قاعدة العند»).
fn clashes_at(seg: &str) -> bool {
    const CLASHES: &[&str] = &[
        "اشتباكات",
        "الاشتباكات",
        "اشتباك",
        "معارك",
        "المعارك",
        "مواجهات",
        "المواجهات",
        "جبهات",
        "جبهه",
        "محاور",
        "محور",
    ];
    let clause = seg.rsplit(['،', ',']).next().unwrap_or(seg);
    // (most clauses name no clash: ask the string before the words)
    if !["اشتباك", "معارك", "مواجهات", "جبه", "محور", "محاور"]
        .iter()
        .any(|c| clause.contains(c))
    {
        return false;
    }
    let words: Vec<&str> = clause.split_whitespace().collect();
    let from = words.len().saturating_sub(10);
    let harm = || {
        use crate::incident::casualties::{death_words, wound_words};
        words
            .iter()
            .any(|w| is_cue(w, death_words()) || is_cue(w, wound_words()))
    };
    words[from..].iter().any(|w| in_list(w, CLASHES))
        && !words.iter().any(|w| is_cue(w, strong_attack_cues()))
        && !harm()
}

/// The nearest preposition before the place is one of aim («على», «باتجاه», «نحو»): what was
/// fired at («أطلقها مسلحون على حمص وريفها والسويداء»), not where from.
fn aimed_at(before: &[&str]) -> bool {
    before
        .iter()
        .take(6)
        .find(|w| matches!(**w, "علي" | "على" | "باتجاه" | "نحو" | "من" | "في" | "الي"))
        .is_some_and(|w| matches!(*w, "علي" | "على" | "باتجاه" | "نحو"))
}

/// «لاسيما دمشق وحلب وحماه ودير الزور وإدلب ودرعا»: four or more cities of three or more
/// governorates listed together sum up where attacks happen; they are not one attack's places.
pub fn summary_lists(folded: &str, mentions: &mut [PlaceMention], gaz: &Gazetteer) {
    let joined = |a: &PlaceMention, b: &PlaceMention| {
        a.sentence == b.sentence
            && a.fend <= b.fstart
            && folded[a.fend..b.fstart]
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '،' | ',' | 'و'))
    };
    let city = |m: &PlaceMention| {
        m.role == Role::Incident && !m.unlisted && gaz.places()[m.place].kind == PlaceKind::City
    };
    let mut i = 0;
    while i < mentions.len() {
        let mut j = i;
        while j + 1 < mentions.len() && joined(&mentions[j], &mentions[j + 1]) {
            j += 1;
        }
        if j + 1 - i >= 4 && mentions[i..=j].iter().all(city) {
            let regions: std::collections::BTreeSet<usize> = mentions[i..=j]
                .iter()
                .map(|m| gaz.ancestors(m.place).get(1).copied().unwrap_or(m.place))
                .collect();
            if regions.len() >= 3 {
                let n = j + 1 - i;
                for m in &mut mentions[i..=j] {
                    m.role = Role::Other;
                    m.reason = format!(
                        "one of {n} cities of {} governorates listed together: a summary of where attacks happen, not one attack's places; {}",
                        regions.len(),
                        m.reason
                    );
                }
            }
        }
        i = j + 1;
    }
}

/// «دمشق ترد», «طهران تنفي», «وتل أبيب تعترف»: a verb of saying or stance right after a
/// capital makes it its government, not a place where anything happened.
fn speaks_for_its_government(w: &str) -> bool {
    matches!(
        w,
        "تعترف"
            | "تعلن"
            | "تنفي"
            | "توكد"
            | "تتهم"
            | "تهدد"
            | "ترد"
            | "تدين"
            | "تطالب"
            | "تقول"
            | "ترفض"
            | "تحذر"
            | "تتوعد"
            | "تستنكر"
            | "تدعو"
            | "تعتبر"
            | "اعترفت"
            | "اعلنت"
            | "نفت"
            | "اكدت"
            | "اتهمت"
            | "هددت"
            | "ردت"
            | "ادانت"
            | "طالبت"
            | "قالت"
            | "رفضت"
            | "حذرت"
            | "توعدت"
            | "استنكرت"
            | "دعت"
            | "اعتبرت"
    )
}

/// «الحكومة العراقية المركزية في بغداد», «وزارة الصحة في غزة»: where a government sits.
fn seat_of_government(before: &[&str]) -> bool {
    linked_after(before, "في", 3, |w| {
        matches!(
            w.strip_prefix('و').unwrap_or(w),
            "الحكومه"
                | "حكومه"
                | "وزاره"
                | "الوزاره"
                | "البرلمان"
                | "السلطات"
                | "الرياسه"
        )
    })
}

/// «مصادر في …», «مصادر محلية في العاصمة طرابلس»: where the teller of the news is.
fn where_sources_are(before: &[&str]) -> bool {
    linked_after(before, "في", 2, |w| in_list(w, SOURCE_NOUNS))
}

/// Past verbs of an attack that, after «وكان/وكانت», tell an earlier event («وكانت مدينة
/// القامشلي تعرضت لانفجار»).
const PLUPERFECT_VERBS: &[&str] = &[
    "تعرضت",
    "تعرض",
    "شهدت",
    "شهد",
    "استهدفت",
    "استهدف",
    "قصفت",
    "قصف",
    "انفجرت",
    "انفجر",
    "ارتكب",
    "ارتكبت",
    "قتل",
    "قتلت",
    "استشهد",
];

/// People on their way («حافلات تقل مدنيين … متجهين إلى مدينة خان شيخون»): the place after
/// «إلى» is where they were going, not where they were hit.
const HEADED_TO: &[&str] = &[
    "متجهين",
    "متجهه",
    "متجها",
    "المتجهه",
    "المتجهين",
    "متوجهين",
    "متوجهه",
    "متوجها",
    "المتوجهه",
    "المتوجهين",
    "هاربين",
    "الهاربين",
    "فروا",
    "هربوا",
    "نزحوا",
];

/// Burial («ودفنوا في مقبرة الشهداء بكفر زيتا»): not where the attack was.
const BURIED: &[&str] = &["دفن", "دفنوا", "دفنت", "دفنهم", "ووري", "مواراه"];

/// Words for where a force is stationed («المتمركزة في …», «مسلحي جيش الإسلام المتحصنين في
/// مدينة دوما»).
const STATIONED: &[&str] = &[
    "المتمركزه",
    "المتمركزين",
    "المتمركز",
    "متمركزه",
    "تتمركز",
    "المتحصنين",
    "المتحصنه",
    "المتحصن",
    "متحصنين",
];

/// «في وقت سابق اليوم», «… سابق من اليوم»: earlier, but the same day.
fn same_day(w: &str, next: &str) -> bool {
    matches!(w, "اليوم" | "الليله") || (w == "من" && matches!(next, "اليوم" | "الليله"))
}

/// The text after a written date at its start («28 ابريل 2016 (شينخوا)» → «(شينخوا)»); the
/// whole text when it opens with no date.
fn after_date(t: &str) -> &str {
    let mut rest = t;
    for _ in 0..4 {
        let w_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let w = rest[..w_end].trim_end_matches([',', '،', '/', '-']);
        let date_word = (!w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c)))
            || crate::text::dates::MONTHS.iter().any(|(m, _)| *m == w);
        if !date_word {
            break;
        }
        rest = rest[w_end..].trim_start();
    }
    rest
}

/// «بيروت (أ ب) –», «درعا (قاسيون) -»: a place, a news agency in brackets, then a dash.
fn agency_dateline(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('(') else {
        return false;
    };
    let Some(close) = rest.find(')') else {
        return false;
    };
    rest[..close].chars().count() <= 20
        && rest[close + 1..]
            .trim_start()
            .starts_with(['-', '–', '—', ':'])
}

/// A sentence that opens by setting itself before the report's event: «وفي وقت سابق …»,
/// «والإثنين الماضي، قتل …», «وكان التحالف قد أعلن …» (without «اليوم»), «واستهدفت قبل
/// يومين …». Callers skip a report's first sentence: there it dates the report's own event.
pub fn told_as_earlier(folded: &str, tokens: &[Token], s: (usize, usize)) -> bool {
    let in_s = super::tokens_in(tokens, s);
    let mut words: [&str; 6] = [""; 6];
    for (w, t) in words.iter_mut().zip(in_s) {
        *w = &folded[t.start..t.end];
    }
    // the markers are two words; the first may carry «و», «في», «ب»
    let marker = |a: &str, b: &str| {
        past_marker_words()
            .iter()
            .any(|&(m0, m1)| b == m1 && a.ends_with(m0))
    };
    // («اقرأ أيضاً» on a line of its own: the headline after it is another article's)
    let read_also = folded[..s.0]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '.'))
        .ends_with("اقرا ايضا");
    let word = |i: usize| in_s.get(i).map_or("", |t| &folded[t.start..t.end]);
    // «وفي 8 مايو، انفجرت عبوة …» after a lead told as «اليوم» or «أمس»: another day's event
    let other_day = matches!(words[0], "وفي" | "في")
        && in_s.get(1).is_some_and(|t| t.numeric)
        && crate::text::dates::MONTHS
            .iter()
            .any(|(m, _)| *m == words[2])
        && {
            let lead = &folded[..s.0];
            lead.contains("اليوم") || lead.contains("امس")
        };
    read_also
        || other_day
        || (0..5).any(|i| {
            !words[i + 1].is_empty()
                && marker(words[i], words[i + 1])
                && !(words[i + 1] == "سابق" && same_day(word(i + 2), word(i + 3)))
        })
        || comes_after_earlier(folded, in_s)
        || background_of_the_report(folded, in_s)
        || in_a_past_month(folded, in_s)
        // («كما شهدت بغداد /الأربعاء/ الماضي …»)
        || words
            .windows(2)
            .any(|w| weekday(w[0]) && w[1] == "الماضي")
        || (matches!(words[0], "وكان" | "وكانت" | "كان" | "كانت")
            // «وكانت وكالة الأنباء اليمنية "سبأ"، بنسختها في صنعاء … قد ذكرت»
            && in_s
                .iter()
                .take(12)
                .any(|t| &folded[t.start..t.end] == "قد")
            && !folded[s.0..s.1].contains("اليوم"))
        // «وكان/وكانت» without «اليوم», told before the report's event:
        || (matches!(words[0], "وكان" | "وكانت")
            && !folded[s.0..s.1].contains("اليوم")
            && (
                // an attack on a named day: «وكان قصف إسرائيلي، مساء الخميس، على بلدة …»
                (is_cue(words[1], attack_cues()) && words.iter().any(|w| weekday(w)))
                // a past verb of the attack: «وكانت مدينة القامشلي تعرضت لانفجار …»
                || words[1..].iter().any(|w| PLUPERFECT_VERBS.contains(w))
                // yesterday or earlier anywhere in the sentence: «وكان الطيران الروسي ارتكب
                // مجزرة أمس السبت …», «وكانت عبوة … انفجرت أمس الأول …»
                || folded[s.0..s.1].contains("امس")
                || PAST_MARKERS.iter().any(|m| folded[s.0..s.1].contains(m))
            ))
}

/// [`PAST_MARKERS`] split at their first space, once (asked for five word pairs a sentence).
fn past_marker_words() -> &'static [(&'static str, &'static str)] {
    static W: std::sync::OnceLock<Vec<(&'static str, &'static str)>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        PAST_MARKERS
            .iter()
            .filter_map(|m| m.split_once(' '))
            .collect()
    })
}

/// A weekday's name, with or without «و» («الخميس», «والسبت»).
fn weekday(w: &str) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    crate::text::dates::WEEKDAYS.iter().any(|d| w == d.0)
}

/// «وجاء التفجير بعد أقل من شهر على وقوع هجومين … في حيي المحطة والغوطة», «بعد ساعات على
/// قصف …»: a sentence that opens by saying how long after another event this one came goes on
/// to tell that earlier event.
fn comes_after_earlier(folded: &str, tokens: &[Token]) -> bool {
    const SPANS: &[&str] = &[
        "ساعه",
        "ساعات",
        "ساعتين",
        "يوم",
        "يومين",
        "ايام",
        "اسبوع",
        "اسبوعين",
        "اسابيع",
        "شهر",
        "شهرين",
        "اشهر",
        "عام",
        "عامين",
    ];
    let word = |i: usize| tokens.get(i).map_or("", |t| &folded[t.start..t.end]);
    (0..10).any(|i| {
        let w = word(i);
        if !matches!(w, "بعد" | "وبعد") {
            return false;
        }
        // («بعد أقل من شهر», «بعد نحو أسبوع», «بعد ساعات», «بعد 3 أيام», «بعد خمسة أيام»)
        let mut j = i + 1;
        if matches!(word(j), "اقل" | "اكثر") && word(j + 1) == "من" {
            j += 2;
        } else if matches!(word(j), "نحو" | "قرابه" | "حوالي") {
            j += 1;
        }
        if tokens.get(j).is_some_and(|t| t.numeric)
            || crate::incident::casualties::number_word(word(j)).is_some()
        {
            j += 1;
        }
        if !SPANS.contains(&word(j)) {
            return false;
        }
        // («بعد ساعات قليلة من», «بعد يوم واحد على»)
        if matches!(word(j + 1), "قليله" | "واحد" | "فقط") {
            j += 1;
        }
        matches!(word(j + 1), "علي" | "من")
    })
}

/// «وأصيب في الـ 21 من أيار الماضي 6 مدنيين …», «وفي 24 مارس/آذار الماضي، استهدفت …»: a
/// sentence dated early on in last year's month tells an earlier event.
fn in_a_past_month(folded: &str, tokens: &[Token]) -> bool {
    let word = |i: usize| tokens.get(i).map_or("", |t| &folded[t.start..t.end]);
    (0..10).any(|i| {
        word(i + 1) == "الماضي"
            && crate::text::dates::MONTHS
                .iter()
                .any(|(m, _)| m.rsplit(' ').next() == Some(word(i)))
    })
}

/// «يذكر أن …», «والجدير بالذكر أن …», «وتجدر الإشارة إلى أن …», «ويأتي هذا القصف بعد …»: a
/// sentence that opens as background to the report tells another event when it names a time
/// («أمس الخميس», «الأسبوع الماضي», «في وقت سابق») or says what this one came after or amid.
fn background_of_the_report(folded: &str, tokens: &[Token]) -> bool {
    // («و يذكر أن …»: the «و» may stand apart)
    let tokens = match tokens.first() {
        Some(t) if &folded[t.start..t.end] == "و" => &tokens[1..],
        _ => tokens,
    };
    let word = |i: usize| tokens.get(i).map_or("", |t| &folded[t.start..t.end]);
    let (w0, w1) = (word(0), word(1));
    // «ومنذ بدء الحملة …», «وتتعرض الأحياء … لغارات بشكل يومي», «خلال الأسابيع الأخيرة»: a
    // campaign told as a whole, not one attack
    // («ومنذ قليل», «منذ الصباح»: a moment ago, the same day)
    let since_long = matches!(w0, "منذ" | "ومنذ")
        && (tokens.get(1).is_some_and(|t| t.numeric)
            || matches!(
                w1,
                "بدء"
                    | "بدايه"
                    | "اندلاع"
                    | "انطلاق"
                    | "مطلع"
                    | "اسابيع"
                    | "اشهر"
                    | "شهور"
                    | "سنوات"
                    | "اسبوعين"
                    | "شهرين"
                    | "عامين"
                    | "السابع"
            ));
    // (in the sentence's opening words: «… في أحدث تصعيد يشهده الإقليم منذ شهور» closing a
    // report's lead is no campaign)
    let whole_campaign = since_long
        || (0..tokens.len().min(14)).any(|i| match (word(i), word(i + 1)) {
            ("بشكل" | "بصوره", "يومي" | "متكرر") => true,
            ("بشكل" | "بصوره", "شبه") => word(i + 2) == "يومي",
            ("خلال", "الاسابيع" | "الاشهر" | "الشهور" | "السنوات") => {
                true
            }
            ("منذ", "اسابيع" | "اشهر" | "شهور" | "سنوات" | "اسبوعين" | "شهرين") => {
                true
            }
            _ => false,
        });
    if whole_campaign {
        return true;
    }
    let comes_amid = matches!(w0, "ياتي" | "وياتي" | "تاتي" | "وتاتي")
        && (1..8).any(|i| {
            matches!(word(i), "بعد" | "عقب" | "تزامنا" | "بالتزامن")
                || (word(i) == "في" && matches!(word(i + 1), "ظل" | "اعقاب"))
        });
    let opener = matches!(
        (w0, w1),
        ("يذكر" | "ويذكر" | "يشار" | "ويشار", "ان" | "الي")
            | ("الجدير" | "والجدير", "بالذكر")
            | ("تجدر" | "وتجدر", "الاشاره")
    );
    // (the time in the background's own clause: not in «علماً أن آخر استهداف … كان العام
    // الماضي» after it)
    comes_amid
        || (opener
            && (2..tokens.len().min(14))
                .take_while(|&i| !matches!(word(i), "علما" | "وعلما"))
                .any(|i| {
                    let w = word(i);
                    // («يذكر أن الطيران المروحي قد استهدف …»: told as done before)
                    // («في وقت سابق اليوم»: earlier the same day)
                    matches!(w, "امس" | "الماضي" | "قد")
                        || (w == "سابق" && !same_day(word(i + 1), word(i + 2)))
                        || weekday(w)
                }))
}

/// «حصيلة انفجار سيارة مفخخة في منطقة حي الشرطة … بلغت 24 شهيدا. وكانت سيارة مفخخة قد
/// انفجرت عصر أمس بالقرب من …»: a «وكانت … قد» sentence that dates the lead's own attack. The
/// lead names the same weapon and gives no day of its own (no «اليوم», «أمس», weekday or
/// written date: `written_date_before`), so the sentence tells when, not an earlier attack
/// (the caller asks too that it names a place the lead names). The last span is the sentence
/// asked about.
pub fn restates_the_lead(
    folded: &str,
    sents: &[(usize, usize)],
    written_date_before: bool,
) -> bool {
    const WEAPONS: &[&str] = &[
        "مفخخ",
        "ناسف",
        "انتحاري",
        "غاره",
        "غارات",
        "برميل",
        "براميل",
        "صاروخ",
        "قذيف",
        "قذايف",
        "مسيره",
    ];
    let Some((&last, lead)) = sents.split_last() else {
        return false;
    };
    let sentence = &folded[last.0..last.1];
    let lead_text = &folded[lead.first().map_or(last.0, |s| s.0)..last.0];
    let dated = lead_text.contains("اليوم")
        || lead_text.contains("امس")
        || crate::text::dates::WEEKDAYS
            .iter()
            .any(|d| lead_text.contains(d.0))
        || written_date_before;
    matches!(sentence.split_whitespace().next(), Some("وكانت" | "وكان"))
        && !dated
        && WEAPONS
            .iter()
            .any(|w| sentence.contains(w) && lead_text.contains(w))
}

/// «ونقل الجرحى إلى مستشفى في مدينة إدلب»: the words before a place (nearest first) say the
/// casualties were taken there.
fn taken_to(before: &[&str]) -> bool {
    // (the verb may stand before its subject: «نقلتهم فرق الدفاع المدني إلى مشفى الأورينت
    // بمدينة كفرنبل»)
    before
        .iter()
        .position(|w| *w == "الي")
        .is_some_and(|p| before[p + 1..].iter().take(5).any(|w| in_list(w, TAKEN_TO)))
}

/// The attack cues (see [`ATTACK_CUES`]), compiled for lookup.
pub fn attack_cues() -> &'static WordList {
    crate::word_list!(ATTACK_CUES)
}

/// Does the folded span contain a word of `cues` (as a word prefix, clitics allowed)?
pub fn has_cue(
    folded: &str,
    tokens: &[Token],
    span: (usize, usize),
    cues: &'static WordList,
) -> bool {
    super::tokens_in(tokens, span)
        .iter()
        .filter(|t| !t.numeric)
        .any(|t| is_cue(&folded[t.start..t.end], cues))
}

/// Is the word (clitics allowed) a word of `cues`?
fn is_cue(w: &str, cues: &'static WordList) -> bool {
    remembered(Asked::Cue, cues as *const WordList as usize, 0, w, || {
        stems(w).any(|f| cues.prefix_of(f, 6))
    })
}

/// Where a text reports an attack, found once for the stages that ask (roles, places the
/// gazetteer lacks, sites).
#[derive(Debug, Clone)]
pub struct AttackCues {
    /// Per sentence: it holds an attack cue.
    pub sentences: Vec<bool>,
    /// The text reports an attack, weak cues counting with casualty words ([`reports_attack`]).
    pub reported: bool,
}

impl AttackCues {
    pub fn find(folded: &str, tokens: &[Token], sents: &[(usize, usize)]) -> AttackCues {
        let accidents: Vec<bool> = sents.iter().map(|s| accident(&folded[s.0..s.1])).collect();
        let mut sentences: Vec<bool> = sents
            .iter()
            .zip(&accidents)
            .map(|(&s, &accident)| {
                (has_cue(folded, tokens, s, attack_cues()) || martyrs_counted(folded, tokens, s))
                    && !defused(folded, tokens, s)
                    && !demonstration(folded, tokens, s)
                    && !accident
            })
            .collect();
        for i in 1..sents.len() {
            if !sentences[i] && sentences[i - 1] && suffered_likewise(folded, tokens, sents[i]) {
                sentences[i] = true;
            }
        }
        // «بسقوط قتلى بانفجار في بلدة جبرين … الانفجار ناجم عن احتراق صهريج وقود»: once the
        // text gives the explosion an everyday cause, an explosion with no weapon named is it
        if accidents.contains(&true) {
            for (a, s) in sentences.iter_mut().zip(sents) {
                *a = *a && weapon_named(&folded[s.0..s.1]);
            }
        }
        AttackCues {
            sentences,
            reported: reports_attack(folded, tokens, true),
        }
    }
}

/// «كما تعرضت مدن وبلدات، الغارية، عتمان …، واقتصرت الأضرار على المادية»: after a sentence
/// that reports an attack, «كما/و تعرضت» with what was suffered left unsaid (no «لـ…» object:
/// «تعرضت المنطقة لانقطاع الكهرباء») tells the same attack.
fn suffered_likewise(folded: &str, tokens: &[Token], s: (usize, usize)) -> bool {
    let ws = super::tokens_in(tokens, s);
    let word = |i: usize| ws.get(i).map(|t| &folded[t.start..t.end]);
    let suffered = |w: Option<&str>| {
        w.is_some_and(|w| {
            let w = w.strip_prefix('و').unwrap_or(w);
            matches!(w, "تعرض" | "تعرضت")
        })
    };
    let opens = suffered(word(0)) || (word(0) == Some("كما") && suffered(word(1)));
    opens
        && !ws.iter().any(|t| {
            let w = &folded[t.start..t.end];
            w.starts_with('ل')
                && w.chars().count() >= 3
                && !matches!(w, "لكن" | "لدي" | "لها" | "لهم" | "لقد" | "ليس" | "لان")
        })
}

/// Does the text report an attack: a strong cue (a weapon, a strike), or a weak one («هجوم»)
/// together with people killed or wounded.
pub fn reports_attack(folded: &str, tokens: &[Token], any_attack_cue: bool) -> bool {
    let strong = strong_attack_cues();
    let all = (0, folded.len());
    let harm = || tells_harm(folded, tokens, all);
    let reported = has_cue(folded, tokens, all, strong)
        || martyrs_counted(folded, tokens, all)
        || (any_attack_cue && (harm() || warplanes_strike(folded, tokens)));
    // «إسقاط مسيرة مفخخة قرب مطار أربيل»: a drone or missile brought down, with nobody hurt
    // and nothing damaged, is no attack that landed (GOLD.md: intended_target)
    reported
        && !(intercepted(folded, tokens)
            && !harm()
            && !has_cue(folded, tokens, all, crate::word_list!(DAMAGE)))
}

/// «انفجرت أسطوانة غاز في مطعم …», «حريق ناجم عن ماس كهربائي»: an explosion or fire with an
/// everyday cause, and no weapon named in the sentence, is no attack.
fn accident(sentence: &str) -> bool {
    const CAUSES: &[&str] = &[
        "اسطوانه غاز",
        "اسطوانات غاز",
        "تسرب غاز",
        "تسرب للغاز",
        "ماس كهربايي",
        // («الانفجار … ناجم عن احتراق صهريج وقود»)
        "صهريج وقود",
        "صهريج محروقات",
        "صهريج نفط",
        "احتراق صهريج",
        // («نقل شهيدين … بسبب حادث سير»: a road accident)
        "حادث سير",
        "حادث مروري",
        "حوادث سير",
        "حادث مرور",
        "انقلاب سياره",
        "تصادم سيارتين",
    ];
    CAUSES.iter().any(|c| sentence.contains(c)) && !weapon_named(sentence)
}

/// A weapon or a strike named in the sentence (folded).
fn weapon_named(sentence: &str) -> bool {
    // (folded: «قذائف» is «قذايف»; «استهدفت … بأسطوانات غاز»: gas cylinders as a weapon)
    const WEAPONS: &[&str] = &[
        "قذيف",
        "قذايف",
        "صاروخ",
        "صواريخ",
        "عبوه",
        "ناسف",
        "مفخخ",
        "غاره",
        "غارات",
        "قصف",
        "لغم",
        "مسيره",
        "برميل",
        "براميل",
        "مدفعي",
        "هاون",
        "طيران",
        "طايرات",
        "استهدف",
        "شديده الانفجار",
    ];
    WEAPONS.iter().any(|w| sentence.contains(w))
}

/// «خرجت مظاهرات حاشدة في مدينة إدلب … تضامناً مع معارك الثوار»: a sentence about a
/// demonstration, whose only attack words are weak ones (battles, attacks elsewhere).
fn demonstration(folded: &str, tokens: &[Token], s: (usize, usize)) -> bool {
    const PROTEST: &[&str] = &[
        "مظاهرات",
        "مظاهره",
        "تظاهره",
        "تظاهرات",
        "المتظاهرون",
        "المتظاهرين",
        "اعتصام",
        "وقفه",
    ];
    let text = &folded[s.0..s.1];
    (text.contains("ظاهر") || text.contains("اعتصام") || text.contains("وقفه"))
        && has_cue(folded, tokens, s, crate::word_list!(PROTEST))
        && !has_cue(folded, tokens, s, strong_attack_cues())
}

/// [`ATTACK_CUES`] without the [`WEAK_ATTACK_CUES`].
fn strong_attack_cues() -> &'static WordList {
    static STRONG: OnceLock<WordList> = OnceLock::new();
    STRONG.get_or_init(|| {
        let words: Vec<&'static str> = ATTACK_CUES
            .iter()
            .copied()
            .filter(|c| !WEAK_ATTACK_CUES.contains(c))
            .collect();
        WordList::new(&words)
    })
}

/// «#حلب_الآن 15 شهيدا في الكلاسة و 7 في بستان القصر»: martyrs counted, a toll line of a
/// strike even without the strike's word («قتلى» is said of accidents too; «شهيد» with a
/// count is not).
fn martyrs_counted(folded: &str, tokens: &[Token], s: (usize, usize)) -> bool {
    const MARTYRS: &[&str] = &["شهيدا", "شهيد", "شهداء", "شهيدان", "شهيدين"];
    let text = &folded[s.0..s.1];
    // («أكثر من 600 شهيد … منذ بدء العدوان»: a war's toll, no strike's)
    if !text.contains("شهيد") && !text.contains("شهداء") || text.contains("منذ") {
        return false;
    }
    let ts = super::tokens_in(tokens, s);
    ts.iter().enumerate().any(|(k, t)| {
        let w = &folded[t.start..t.end];
        let w = w.strip_prefix('و').unwrap_or(w);
        MARTYRS.contains(&w)
            && (matches!(w, "شهيدان" | "شهيدين")
                || (k > 0
                    && (ts[k - 1].numeric
                        || crate::incident::casualties::number_word(
                            &folded[ts[k - 1].start..ts[k - 1].end],
                        )
                        .is_some())))
    })
}

/// «الطيران الحربي يستهدف بلدات …»: military aircraft with a verb of striking in one sentence
/// is an air strike even when the text tells of nobody hurt («الطيران» or «يستهدف» alone is
/// not: civil aviation, «يستهدف» as «aims at»).
fn warplanes_strike(folded: &str, tokens: &[Token]) -> bool {
    const AIRCRAFT: &[&str] = &["طيران", "طايرات", "طايره", "مقاتلات", "مروحيات", "مروحيه"];
    const MILITARY: &[&str] = &[
        "حربي",
        "حربيه",
        "روسي",
        "روسيه",
        "مروحي",
        "مروحيه",
        "اسراييلي",
        "اسراييليه",
        "امريكي",
        "امريكيه",
        "تحالف",
        "نظام",
        "مسير",
        "مسيره",
        "مسيرات",
        "سوري",
        "حوثي",
        "عدوان",
        "سعودي",
        "تركي",
        "تركيه",
        "اردني",
        "عراقي",
        "اماراتي",
        "حربيتان",
    ];
    const STRIKE: &[&str] = &[
        "استهدف",
        "استهدفت",
        "يستهدف",
        "تستهدف",
        "استهداف",
        "استهدفا",
        "يستهدفان",
        "ضربات",
        "ضربه",
        "دك",
        "تدك",
        "يدك",
        "دكت",
        "القاء",
        "يلقي",
        "تلقي",
        "القي",
        "القت",
        "اغار",
        "اغارت",
        "تغير",
        "يغير",
        "شن",
        "شنت",
        "يشن",
        "تشن",
    ];
    // (a cue starts a word, so a text without an aircraft word as a substring has none)
    if !AIRCRAFT.iter().any(|w| folded.contains(w)) {
        return false;
    }
    let aircraft = crate::word_list!(AIRCRAFT);
    let military = crate::word_list!(MILITARY);
    let strike = crate::word_list!(STRIKE);
    let words: Vec<&Token> = tokens.iter().filter(|t| !t.numeric).collect();
    let word = |i: usize| &folded[words[i].start..words[i].end];
    (1..words.len()).any(|i| {
        is_cue(word(i - 1), aircraft)
            && stems(word(i)).any(|f| military.contains(f))
            // the verb near the aircraft: «استهدف الطيران الحربي …», «الطيران الروسي يستهدف»
            && (i.saturating_sub(4)..words.len().min(i + 6)).any(|j| is_cue(word(j), strike))
    })
}

/// «ضبط النظام سيارتين مفخختين … في شارع القدس», «تفكيك عبوة ناسفة»: a bomb seized or
/// defused, in a sentence that tells of nobody hurt, went off nowhere.
fn defused(folded: &str, tokens: &[Token], s: (usize, usize)) -> bool {
    // (a cue starts a word, so a text without any of them as a substring has none)
    let text = &folded[s.0..s.1];
    DEFUSED.iter().any(|w| text.contains(w))
        && has_cue(folded, tokens, s, crate::word_list!(DEFUSED))
        && !tells_harm(folded, tokens, s)
}

/// Does the span tell of people killed or wounded?
fn tells_harm(folded: &str, tokens: &[Token], s: (usize, usize)) -> bool {
    has_cue(
        folded,
        tokens,
        s,
        crate::incident::casualties::death_words(),
    ) || has_cue(
        folded,
        tokens,
        s,
        crate::incident::casualties::wound_words(),
    )
}

/// Words for seizing, defusing or clearing a bomb.
/// («إزالة الألغام والعبوات الناسفة», «نزع الألغام»: clearing them, after the fighting;
/// «العثور على 4 ألغام … وحجز»: found and seized)
const DEFUSED: &[&str] = &[
    "ضبط",
    "تفكيك",
    "ابطال",
    "فكك",
    "فككت",
    "ضبطت",
    "ازاله",
    "نزع",
    "تطهير",
    "حجز",
    "يحجز",
    "العثور",
    "عثر",
    "عثرت",
    "مصادره",
];

/// A drone, missile or aircraft brought down: a word of interception with one of them within
/// three words after it («إسقاط طائرة مسيرة», «اعتراض صاروخ»; not «إسقاط البراميل»).
fn intercepted(folded: &str, tokens: &[Token]) -> bool {
    const DOWN: &[&str] = &["اسقاط", "اسقطت", "اعتراض", "اعترضت", "تصدت", "التصدي"];
    const FLYING: &[&str] = &[
        "طايره",
        "طايرات",
        "مسيره",
        "مسيرات",
        "صاروخ",
        "صواريخ",
        "جسم",
    ];
    // (most texts have none of these words: a substring search says so without the tokens)
    if !DOWN.iter().any(|w| folded.contains(w)) {
        return false;
    }
    let word = |i: usize| &folded[tokens[i].start..tokens[i].end];
    (0..tokens.len()).any(|i| {
        stems(word(i)).any(|f| DOWN.contains(&f))
            && (i + 1..tokens.len().min(i + 4))
                .any(|j| stems(word(j)).any(|f| FLYING.iter().any(|x| f.starts_with(x))))
    })
}

/// Unnamed parts of a town, or things in it, that an attack hit («على أحياء في مدينة …»,
/// «على مركبة في مدينة طوباس»).
const UNNAMED_PARTS: &[&str] = &[
    "احياء",
    "مناطق",
    "قري",
    "بلدات",
    "مدن",
    "مركبه",
    "سياره",
    "منزل",
    "منزلا",
    "منازل",
    "مبني",
    "خيمه",
    "خيام",
    "شقه",
    "حافله",
    "شاحنه",
    "اماكن",
    "مكان",
    "مواقع",
    "ابنيه",
    "مباني",
    "بيوت",
];

/// Words that tell of damage («أضرار», «دمار»).
const DAMAGE: &[&str] = &[
    "اضرار",
    "الاضرار",
    "دمار",
    "الدمار",
    "تدمير",
    "تضرر",
    "انهيار",
];

/// A district abroad (a Yemeni «مديرية»): often the most specific place a report gives
/// («قصف على مديرية رازح»), so it is where the attack landed unless it wraps a town named
/// with it, as a natural region does.
fn is_district_abroad(p: &crate::gazetteer::Place) -> bool {
    p.kind == PlaceKind::District && p.country != "SY"
}

/// A named natural region kept as a `site` row (الغوطة الشرقية، جبل الزاوية، سهل الغاب): it
/// wraps the towns in it rather than sitting inside them.
pub fn is_natural_region(gaz: &Gazetteer, idx: usize) -> bool {
    let p = &gaz.places()[idx];
    if p.kind != PlaceKind::Site {
        return false;
    }
    let (key, _) = crate::gazetteer::name_key(&p.name_ar);
    let first = key.split(' ').next().unwrap_or("");
    matches!(
        first,
        "غوطه" | "جبل" | "سهل" | "وادي" | "باديه" | "ريف" | "جزيره"
    )
}

/// «نازحون من مدينة دير الزور/حي الصناعة»: the next item after a place people fled from, a
/// victim came from or fire came from («قوات الأسد المتمركزة في مدينتي صوران وحلفايا وقريتي
/// المصاصنة»), is one too. `item_start` is where the item's words begin (its place word
/// may stand between); `and_clitic`: the item carries «و». Asked of the gazetteer's places and
/// of the places it lacks alike.
pub(crate) fn next_item_role(
    folded: &str,
    prev: &PlaceMention,
    item_start: usize,
    and_clitic: bool,
) -> Option<Role> {
    if !matches!(
        prev.role,
        Role::Displacement | Role::VictimOrigin | Role::OriginOfFire
    ) || prev.fend > item_start
    {
        return None;
    }
    let gap = &folded[prev.fend..item_start];
    let mut words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || "/،,".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let separated = gap.contains(['/', '،', ','])
        || words.first().is_some_and(|w| w.starts_with('و'))
        || and_clitic;
    // (a «و» apart, then the item's place word: «… و حي …»)
    if words.len() == 2 && words[0] == "و" {
        words.remove(0);
    }
    (separated
        && words.len() <= 1
        && words
            .iter()
            .all(|w| *w == "و" || super::matcher::trigger_of(w).is_some()))
    .then_some(prev.role)
}

/// «في مدينة صبراتة قرب طرابلس»: a place named right after another, by «قرب» or «بالقرب من»,
/// tells where the first one lies. `before` holds the words before the place, nearest first.
fn locates_the_place_before(
    before: &[&str],
    first: usize,
    resolved: &[Resolved],
    gaz: &Gazetteer,
) -> bool {
    let near = match (before.first(), before.get(1)) {
        (Some(&"قرب"), _) => 1,
        (Some(&"من"), Some(&"بالقرب")) => 2,
        _ => return false,
    };
    // (`before` stays in the sentence, so the place before the near word does too)
    before.len() > near
        && resolved.iter().any(|o| {
            o.acc.found.tok_last + near + 1 == first
                && gaz.places()[o.place].kind != PlaceKind::Country
        })
}

/// Whether the compass word before token `first` («جنوب» in «X جنوب غزة») locates another
/// place: one the text names («حي الزيتون جنوب مدينة غزة»), or a name the gazetteer lacks
/// («جبهة حندرات شمال حلب»: a rare word). After a common noun («منزل شمال خان يونس») the
/// compass place is the best place the text gives for the attack.
fn locates_a_place(
    folded: &str,
    tokens: &[Token],
    resolved: &[Resolved],
    first: usize,
    sent_start: usize,
) -> bool {
    // «بشمال شرق بغداد»: the whole compass phrase stands before the place
    let mut first = first;
    while first >= 2
        && tokens[first - 2].start >= sent_start
        && in_list(
            &folded[tokens[first - 2].start..tokens[first - 2].end],
            COMPASS,
        )
    {
        first -= 1;
    }
    let named = resolved.iter().any(|o| {
        let l = o.acc.found.tok_last;
        l < first && l + 4 >= first && tokens[l].start >= sent_start
    });
    if named || first < 2 || tokens[first - 2].start < sent_start || tokens[first - 2].numeric {
        return named;
    }
    let w = &folded[tokens[first - 2].start..tokens[first - 2].end];
    // (or a name after a place word or another compass word, however frequent: «محافظة
    // ديالى بشمال شرق بغداد», «جرف النصر شمال بابل جنوب بغداد»)
    let named_by_word = first >= 3 && tokens[first - 3].start >= sent_start && {
        let w3 = &folded[tokens[first - 3].start..tokens[first - 3].end];
        super::matcher::trigger_of(w3).is_some() || in_list(w3, COMPASS)
    };
    // (a frequency list may hold a common noun only with its article: «النازحين»)
    let zipf = super::matcher::zipf_of(w).max(if w.starts_with("ال") {
        0
    } else {
        super::matcher::zipf_of(&format!("ال{w}"))
    });
    zipf < super::matcher::COMMON_ZIPF || named_by_word
}

/// What the whole text says that the roles of its mentions depend on, found once.
pub struct TextCues<'a> {
    /// Per sentence, whether it tells an earlier event ([`told_as_earlier`]).
    pub told_earlier: &'a [bool],
    pub attack: &'a AttackCues,
    /// The text's dates, when it was scanned for them.
    pub dates: Option<&'a crate::text::dates::DateScan>,
}

/// Give each resolved mention a role.
pub fn assign(
    folded: &str,
    tokens: &[Token],
    sents: &[(usize, usize)],
    cues: &TextCues,
    resolved: Vec<Resolved>,
    gaz: &Gazetteer,
) -> Vec<PlaceMention> {
    let (told_earlier, attack, dates) = (cues.told_earlier, cues.attack, cues.dates);
    let word = |i: usize| &folded[tokens[i].start..tokens[i].end];
    let attack_sent = &attack.sentences;
    // a text reports an attack when it has a strong cue (a weapon, a strike), or a weak one
    // («هجوم») together with people killed or wounded (the latter only with some attack cue)
    let doc_attack = if attack_sent.iter().any(|&a| a) {
        attack.reported
    } else {
        reports_attack(folded, tokens, false)
    };
    // short reports (video titles, posts): a title line names the attack's place
    let short_doc = tokens.iter().filter(|t| !t.numeric).count() <= 120;
    let accepted: Vec<_> = resolved.iter().map(|r| r.acc.clone()).collect();
    // which sentences hold a written date («الكلاسة 17 4 2015»)
    let mut dated = vec![false; sents.len()];
    if !resolved.is_empty() {
        let written = match dates {
            Some(scan) => scan.written(),
            None => crate::text::dates::find_dates(folded, None),
        };
        for d in written {
            dated[sentence_of(sents, d.start)] = true;
        }
    }
    let mut out: Vec<PlaceMention> = Vec::with_capacity(resolved.len());
    // per sentence, computed when first needed
    let mut has_marker: Vec<Option<bool>> = vec![None; sents.len()];
    for (mi, r) in resolved.iter().enumerate() {
        let f = &r.acc.found;
        let p = &gaz.places()[r.place];
        let si = sentence_of(sents, f.wstart);
        let s = sents.get(si).copied().unwrap_or((0, folded.len()));
        let before: Vec<&str> = (f.tok_first.saturating_sub(6)..f.tok_first)
            .rev()
            .filter(|&i| tokens[i].start >= s.0)
            .map(word)
            .collect();
        let next = (f.tok_last + 1 < tokens.len() && tokens[f.tok_last + 1].end <= s.1)
            .then(|| word(f.tok_last + 1));
        let w1 = before.first().copied();
        let nwords = super::tokens_in(tokens, s)
            .iter()
            .filter(|t| !t.numeric)
            .count();
        let has_date = dated[si];
        let short_line = (si == 0 && (has_date || (nwords <= 8 && short_doc)))
            || (nwords <= 4 && super::tokens_in(tokens, s).iter().any(|t| t.numeric))
            // «شبكة حلب نيوز:||باب النيرب| آثار القصف على الحي …»: a heading of the place
            // alone, at the top of a short report, before the sentence telling the attack
            // (not a hashtag line: «#الدفاع_المدني_السوري #حلب» signs the post)
            || (short_doc
                && si <= 2
                && nwords <= 3
                && !f.hashtag
                && attack_sent.get(si + 1) == Some(&true));
        let after_text = folded[f.kend..].trim_start();
        let fled = || came_from(&before, FLED_FROM);
        let (role, why): (Role, String) = if r.outside_container && p.kind != PlaceKind::Country {
            // («نازحين من مدينة تدمر بريف حلب»: where people fled from, wherever the text
            // puts it, is no place of the text's own)
            if fled() {
                (Role::Displacement, "where people fled from".into())
            } else {
                (Role::Other, NOT_IN_CONTAINER.into())
            }
        } else if p.kind == PlaceKind::Country {
            (Role::Country, "a country".into())
        } else if (w1.is_some_and(|w| {
            !crate::geoparse::matcher::is_preposition(w) && !place_word_after_preposition(w)
        }) && before.iter().take(2).any(|w| in_list(w, ORG_BEFORE)))
                // (not a tag of its own after it: «بضاحية بيروت الجنوبية #الحرة»)
                || (next.is_some_and(|w| ORG_AFTER.contains(&w))
                    && !folded[f.kend..].trim_start().starts_with('#'))
                // «درعا (قاسيون) -»: the agency in a dateline's brackets
                || (folded[..f.wstart].trim_end().ends_with('(')
                    && after_text
                        .strip_prefix(')')
                        .is_some_and(|r| r.trim_start().starts_with(['-', '–', '—', ':'])))
        {
            (
                Role::OrganisationName,
                "part of an organisation's name".into(),
            )
        } else if responders_came(&before, || {
            (f.tok_last + 1..tokens.len())
                .take_while(|&i| tokens[i].end <= s.1)
                .take(8)
                .map(word)
                .collect()
        }) {
            (
                Role::ResponderBase,
                "where the rescuers came from («فرق الدفاع المدني في … التي حضرت إلى …»)".into(),
            )
        } else if before
            .iter()
            // («ومقرها في العاصمة طرابلس»: past the place word)
            .skip(place_word_first(&before))
            .take(2)
            .any(|w| in_list(w, SEAT_BEFORE))
            || seat_of_government(&before)
        {
            (
                Role::OrganisationSeat,
                "seat of an organisation («مقره»)".into(),
            )
        } else if p.kind == PlaceKind::City
            && r.acc.trigger.is_none()
            && !w1.is_some_and(crate::geoparse::matcher::is_preposition)
            && (next.is_some_and(speaks_for_its_government)
                // «هدد الحزب بقطع الهدنة مع أنقرة», «أنقرة تتعاون مع …»: a capital abroad
                // named with no place cue at all is its government
                || (r.acc.cue == "name"
                    && matches!(
                        &*f.key,
                        "انقره"
                            | "طهران"
                            | "واشنطن"
                            | "موسكو"
                            | "باريس"
                            | "لندن"
                            | "برلين"
                            | "بكين"
                            | "تل ابيب"
                    )))
        {
            (
                Role::OrganisationSeat,
                "a city that stands for its government («دمشق ترد», «وتل أبيب تعترف», «الهدنة مع أنقرة»)".into(),
            )
        } else if fired_from(&before)
            || fired_from_inside(&before, || {
                (f.tok_first.saturating_sub(10)..f.tok_first)
                    .rev()
                    .filter(|&i| tokens[i].start >= s.0)
                    .map(word)
                    .collect()
            })
            // «قوات النظام المتمركزة في حاجز المداجن قرب بلدة طيبة الإمام»: the first place
            // after where the force is stationed (not the town it shelled after it)
            || before.iter().take(6).position(|w| in_list(w, STATIONED)).is_some_and(|k| {
                let at = f.tok_first - 1 - k;
                // (unless the forces stationed there were what was struck: «استهدفت غارات
                // التحالف قوات النظام المتمركزة في مدينة تدمر»; «من قبل» makes them who fired)
                let struck = {
                    let ws: Vec<&str> = (at.saturating_sub(6)..at)
                        .filter(|&i| tokens[i].start >= s.0)
                        .map(word)
                        .collect();
                    // (an air strike's words: «استهدفت قوات النظام المتمركزة …» is the
                    // forces firing, the verb before its subject)
                    !ws.contains(&"قبل")
                        && ws.iter().any(|w| {
                            in_list(
                                w,
                                &[
                                    "غارات", "غاره", "طيران", "مقاتلات", "مسيره", "مسيرات",
                                    "التحالف",
                                ],
                            )
                        })
                };
                !struck
                    && !resolved.iter().any(|o| {
                        o.acc.found.tok_first > at && o.acc.found.tok_first < f.tok_first
                    })
            })
        {
            (
                Role::OriginOfFire,
                "fire came from here («من مواقع», «انطلاقا من»)".into(),
            )
        } else if before.len() >= 2
            && (before[0] == "من"
                || (super::matcher::trigger_of(before[0]).is_some() && before[1] == "من"))
            && before
                .iter()
                .skip(1)
                .take(5)
                .any(|w| in_list(w, VICTIM_BEFORE))
        {
            (
                Role::VictimOrigin,
                "where a victim came from («… عاما من مدينة …»)".into(),
            )
        } else if before
            .iter()
            .take(2)
            .any(|w| in_list(w, &["لاجيي", "نازحي", "مهجري", "مهجرين"]))
        {
            (
                Role::VictimOrigin,
                "where the victims had fled from («من لاجئي مدينة …»)".into(),
            )
        } else if came_from(&before, CAME_FROM) {
            (
                Role::Other,
                "where someone came from («القادم من …»)".into(),
            )
        } else if came_from(&before, TELLER_FROM) {
            (
                Role::Other,
                "where the teller of the news is from («ناشط من …»)".into(),
            )
        } else if fled() {
            (Role::Displacement, "where people fled from".into())
        } else if linked_after(&before, "الي", 3, |w| in_list(w, HEADED_TO)) {
            (
                Role::Displacement,
                "where people were heading («متجهين إلى»)".into(),
            )
        } else if before
            .iter()
            .take(5)
            .position(|w| in_list(w, BURIED))
            .is_some_and(|k| before[..k].iter().any(|w| stems(w).any(|x| x == "في")))
        {
            (
                Role::Other,
                "where the dead were buried («دفنوا في»)".into(),
            )
        } else if where_sources_are(&before) {
            (
                Role::Other,
                "where a source of the report is («مصادر في …»)".into(),
            )
        } else if w1 == Some("في")
            && before.iter().skip(1).take(5).any(|w| {
                matches!(
                    w.strip_prefix('و').unwrap_or(w),
                    "قال" | "قالت" | "صرح" | "صرحت" | "اعلن" | "اعلنت" | "اكد" | "اكدت"
                )
            })
            && (after_text.starts_with(['«', '"', '“', ':'])
                || after_text.starts_with("ان ")
                || after_text.starts_with("انه "))
        {
            // «وقال امام الصحافيين في انقرة «إن …»: where the words were said
            (
                Role::Other,
                "where a statement was made («وقال … في أنقرة: …»)".into(),
            )
        } else if earlier_attack(
            &folded[s.0..f.wstart],
            *has_marker[si].get_or_insert_with(|| {
                let sent = &folded[s.0..s.1];
                PAST_MARKERS.iter().any(|m| sent.contains(m))
            }),
            false,
        ) {
            (
                Role::OtherEvent,
                "an earlier attack («بعد أسبوع من مجزرة …»)".into(),
            )
        } else if told_earlier[si] {
            (
                Role::OtherEvent,
                "its sentence tells of an earlier time or another report («وفي وقت سابق …», «يذكر أن … أمس», «اقرأ أيضاً …»)".into(),
            )
        } else if ground_advance(&folded[s.0..f.wstart]) {
            (
                Role::OtherEvent,
                "ground fighting, not a strike («بعد تقدم الجيش في …», «التقدم من جهة …»)".into(),
            )
        } else if clashes_at(&folded[s.0..f.wstart]) {
            (
                Role::OtherEvent,
                "ground fighting, not a strike («اشتباكات … في حي …», «على جبهات …»)".into(),
            )
        } else if folded[s.0..f.wstart].contains("ردا علي")
            || folded[s.0..f.wstart].contains("انتقاما ل")
        {
            (
                Role::OtherEvent,
                "an earlier event the attack answers («رداً على»)".into(),
            )
        } else if (w1 == Some("علي")
            && before
                .get(1)
                .is_some_and(|w| stems(w).any(|x| x == "سيطره")))
            || w1.is_some_and(|w| stems(w).any(|x| matches!(x, "تحرير" | "استعاده")))
        {
            (
                Role::OtherEvent,
                "control over it is fought for («السيطرة على», «تحرير»)".into(),
            )
        } else if after_text.starts_with('/') && folded[..f.wstart].trim_end().ends_with('/') {
            (Role::Dateline, "a byline («/NNN/الموصل/»)".into())
        } else if names_a_road(folded, tokens, f, &before, after_text) {
            (
                Role::Other,
                "part of a road's name («طريق حلب - دمشق»)".into(),
            )
        } else if w1.is_some_and(|w| in_list(w, INTENDED_BEFORE)) {
            (Role::IntendedTarget, "aimed at («باتجاه»)".into())
        } else if before.iter().take(6).enumerate().any(|(k, w)| {
            // («بعد» as a distance only in «على بعد»: «استهدفت بعد منتصف الليل قرية …» is time)
            in_list(w, LANDMARK_BEFORE)
                && (!w.ends_with("بعد") || before.get(k + 1).is_some_and(|p| *p == "علي"))
        }) {
            (Role::LandmarkReference, "a distance reference".into())
        } else if (f.tok_first == 0
            // («الفردوس :برميل متفجر على الحي …»: a quarter or village heading a local post
            // is where the attack was, not where the reporter files from)
            && !matches!(
                p.kind,
                PlaceKind::Neighbourhood | PlaceKind::Village | PlaceKind::Camp | PlaceKind::Site
            )
            && (after_text.starts_with(':')
                || after_text.starts_with('–')
                || after_text.starts_with('-')))
            || agency_dateline(after_text)
            // «دمشق 28 ابريل 2016 (شينخوا) قتل …»: a date between the place and the agency
            || (f.tok_first == 0 && {
                let rest = after_date(after_text);
                rest.len() < after_text.len()
                    && rest
                        .strip_prefix('(')
                        .and_then(|r| r.find(')'))
                        .is_some_and(|close| close <= 40)
            })
        {
            (Role::Dateline, "dateline at the top".into())
        } else if before.iter().take(2).any(|w| in_list(w, HOSPITAL_BEFORE))
            // «استهدفت مسيرة سجن ومستشفى مدينة الأبيض»: the hospital is what was hit
            && !has_cue(
                folded,
                tokens,
                (
                    tokens[f.tok_first.saturating_sub(5)].start.max(s.0),
                    tokens[f.tok_first].start,
                ),
                attack_cues(),
            )
        {
            (Role::Hospital, "a hospital's location".into())
        } else if taken_to(
            &(f.tok_first.saturating_sub(10)..f.tok_first)
                .rev()
                .filter(|&i| tokens[i].start >= s.0)
                .map(word)
                .collect::<Vec<_>>(),
        ) {
            (
                Role::Hospital,
                "where the wounded were taken («نقل … إلى»)".into(),
            )
        } else if (matches!(p.kind, PlaceKind::Governorate | PlaceKind::Subdistrict)
            || (p.kind == PlaceKind::District && !is_district_abroad(p)))
            && (p.source.contains("ocha") || p.country != "SY")
            || r.acc.trigger.is_some_and(|t| t.1 == "region")
        {
            (Role::RegionContext, "an administrative region".into())
        } else if r.acc.trigger.is_some_and(|t| t.1 == "city")
            && before.get(1).is_some_and(|w| in_list(w, &["ريف"]))
        {
            // «قصفها مناطق في ريف مدينة إدلب»: the city's countryside, not the city
            (
                Role::RegionContext,
                "its countryside («ريف مدينة …»)".into(),
            )
        } else if (w1.is_some_and(|w| in_list(w, COMPASS))
                // (not across a bracket or a new list item: «(باب توما وباب شرقي) والقصاع»)
                && !f.clitic.starts_with('و')
                && f.tok_first > 0
                // (a hashtag sign may stand between: «أريحا جنوبي #إدلب»)
                && folded[tokens[f.tok_first - 1].end..tokens[f.tok_first].start]
                    .trim()
                    .trim_matches('#')
                    .is_empty()
                && locates_a_place(folded, tokens, &resolved, f.tok_first, s.0))
                // «مديرية التحيتا جنوب مدينة الحديدة»: the compass word before the place word,
                // after a place the text names (not after a common noun: «منازل شمال مخيم
                // النصيرات» were struck there)
                || (r.acc.trigger.is_some()
                    && f.tok_first >= 2
                    // (not an adjective: «بريف حلب الشمالي مدينة عندان» is no «north of»)
                    && before
                        .get(1)
                        .is_some_and(|w| in_list(w, COMPASS) && !w.starts_with("ال"))
                    && resolved.iter().any(|o| {
                        let l = o.acc.found.tok_last;
                        l + 2 < f.tok_first && l + 6 >= f.tok_first && tokens[l].start >= s.0
                    }))
        {
            (Role::RegionContext, "relative position («شمال …»)".into())
        } else if locates_the_place_before(&before, f.tok_first, &resolved, gaz) {
            (
                Role::RegionContext,
                "relative position («… قرب X» after a place)".into(),
            )
        } else if !doc_attack {
            (Role::NonAttack, "the text reports no attack".into())
        } else if !attack_sent[si] && !short_line {
            if before
                .iter()
                .take(3)
                .any(|w| in_list(w, DISPLACEMENT_BEFORE))
            {
                (Role::Displacement, "displacement".into())
            } else {
                (Role::NonAttack, "its sentence reports no attack".into())
            }
        } else {
            (
                Role::Incident,
                if attack_sent[si] {
                    "named in a sentence reporting an attack".into()
                } else {
                    "named in the title/list of a report of an attack".into()
                },
            )
        };
        let listed_after = out.last().filter(|p| p.sentence == si).and_then(|p| {
            next_item_role(
                folded,
                p,
                tokens[f.tok_first].start,
                f.clitic.starts_with('و'),
            )
        });
        let (role, why) = match listed_after {
            Some(r) if role == Role::Incident => (
                r,
                "the next item after a place people fled from, a victim came from or fire came from".into(),
            ),
            _ => (role, why),
        };
        out.push(PlaceMention {
            start: 0,
            end: 0,
            fstart: f.wstart,
            fend: f.kend,
            text: String::new(),
            place: r.place,
            candidates: r.candidates,
            role,
            reason: format!("{why}; {}", r.reason),
            confidence: r.confidence,
            sentence: si,
            trigger: r.acc.trigger.map(|t| t.0),
            hashtag: f.hashtag,
            unlisted: false,
        });
        let _ = mi;
    }
    // a weakly found name («من طراز» → Taraz) in a country no other place of the text is in
    let countries: std::collections::BTreeSet<&str> = resolved
        .iter()
        .filter(|r| !matches!(r.acc.cue, "preposition" | "name") && !r.outside_container)
        .map(|r| gaz.places()[r.place].country.as_ref())
        .collect();
    // the countries of the text's other places, for «حي X» matches abroad («حي مساكن هنانو»
    // → Msaken, Tunisia; «حي الروضة» in a Taiz report → a Syrian al-Rawda)
    // (a frequent word taken for a place without a place word or hashtag does not vote,
    // unless the place is famous or in the Arab world: «تعز» votes, «ليل» (night; Lille)
    // does not)
    let all_countries: Vec<&str> = resolved
        .iter()
        .map(|r| {
            let weak =
                matches!(
                    r.acc.cue,
                    "title" | "preposition" | "name" | "attack_object"
                ) && super::matcher::frequent_word_abroad(r.acc.found.zipf, &gaz.places()[r.place]);
            if weak {
                ""
            } else {
                gaz.places()[r.place].country.as_ref()
            }
        })
        .collect();
    for (i, (m, r)) in out.iter_mut().zip(&resolved).enumerate() {
        let p = &gaz.places()[m.place];
        let c = p.country.as_ref();
        let others_elsewhere = all_countries.iter().enumerate().any(|(j, o)| {
            j != i
                && !o.is_empty()
                && *o != c
                && gaz.places()[resolved[j].place].kind != PlaceKind::Country
        }) && !all_countries.iter().enumerate().any(|(j, o)| {
            j != i && *o == c && gaz.places()[resolved[j].place].kind != PlaceKind::Country
        });
        let small = matches!(r.acc.trigger.map(|t| t.1), Some("neighbourhood"))
            || matches!(p.kind, PlaceKind::Neighbourhood | PlaceKind::Village);
        if small && others_elsewhere && m.role == Role::Incident {
            m.role = Role::Other;
            m.reason = format!("{SMALL_ABROAD}; {}", m.reason);
            continue;
        }
        // a bare name, with no cue around it, abroad from everything else the text names
        // («جبل أومان» in a Taiz report is no Uman, Ukraine)
        // (likewise a frequent word after a preposition: «من ليل أمس» is no Lille; and a
        // square, street or market named after a place abroad: «ساحة عدن» in Baghdad, «سوق
        // الخميس» in al-Bab)
        // (and a name in a list of places when it lies outside the Arab world: «زلين» among
        // villages of Hama is no Zlín)
        // (or a word an attack verb or noun takes, outside the Arab world: «سيارة مفخخة نوع
        // كورلا» in Kirkuk is no Korla)
        let weak = r.acc.cue == "name"
            || (matches!(r.acc.cue, "list" | "attack_object")
                && !crate::gazetteer::is_arab_country(c))
            || (r.acc.cue == "preposition"
                && super::matcher::frequent_word_abroad(r.acc.found.zipf, p))
            || (r
                .acc
                .trigger
                .is_some_and(|t| matches!(t.0, "ساحه" | "شارع" | "دوار" | "سوق"))
                && matches!(
                    p.kind,
                    PlaceKind::City | PlaceKind::Country | PlaceKind::Town | PlaceKind::Village
                ));
        if weak && others_elsewhere && m.role == Role::Incident {
            m.role = Role::Other;
            m.reason = format!("{BARE_ABROAD}; {}", m.reason);
            continue;
        }
        // (not in a country the text names, nor an Arab city of note: «بمدينة حمص» in a report
        // whose other places are misread abroad)
        let named_country = resolved.iter().any(|o| {
            let q = &gaz.places()[o.place];
            q.kind == PlaceKind::Country && q.country.as_ref() == c
        });
        let notable =
            crate::gazetteer::is_arab_country(c) && p.population.is_some_and(|n| n >= 100_000);
        if matches!(r.acc.cue, "preposition" | "name")
            && !countries.is_empty()
            && !countries.contains(&c)
            && !named_country
            && !notable
        {
            m.role = Role::Other;
            m.reason = format!(
                "weak match in a country no other place of the text is in; {}",
                m.reason
            );
        }
    }
    namesakes_abroad(folded, tokens, &resolved, &mut out, gaz);
    // «المنطقة الصناعية», «المدينة القديمة»: a place word and an adjective name a part of
    // whatever city the text is about; the gazetteer's one (Aleppo's) is no match when it
    // lies far from every other place the text names
    for i in 0..out.len() {
        if out[i].role != Role::Incident {
            continue;
        }
        let key = &resolved[i].acc.found.key;
        // (the words after the place word do not name the same place: «مدينة حمص» is Homs)
        let place = out[i].place as u32;
        let generic = resolved[i].acc.found.multiword
            && key.split_once(' ').is_some_and(|(w, rest)| {
                // (as its canonical name: an alias «الصناعية» made from «المنطقة الصناعية»
                // does not count)
                let names_it = |k: &str| {
                    gaz.by_key(k)
                        .iter()
                        .any(|r| r.place == place && r.canonical)
                };
                (super::matcher::trigger_of(w).is_some() || w == "مدينه")
                    && !names_it(rest)
                    && !names_it(rest.strip_prefix("ال").unwrap_or(rest))
            });
        // (so is an everyday word after a place word: «ومنطقة المقبرة» in Aleppo is its
        // cemetery, not the village of that name 300 km away)
        let everyday = resolved[i].acc.found.zipf >= super::matcher::COMMON_ZIPF
            && !resolved[i].acc.found.multiword
            && gaz.places()[out[i].place].kind == PlaceKind::Village
            // («قرية عيون حسين» names a village wherever it lies; «حي المعيشية» a quarter)
            && !resolved[i]
                .acc
                .trigger
                .is_some_and(|t| matches!(t.1, "village" | "town" | "city" | "neighbourhood"));
        if !generic && !everyday {
            continue;
        }
        let others: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(j, o)| {
                *j != i
                    && o.role != Role::Country
                    && gaz.places()[o.place].kind != PlaceKind::Country
                    && o.place != out[i].place
            })
            .map(|(_, o)| o.place)
            .collect();
        if !others.is_empty() && others.iter().all(|&q| km(gaz, q, out[i].place) > 60.0) {
            out[i].role = Role::Other;
            out[i].reason = format!(
                "{GENERIC_FAR} («{}») that the gazetteer has only far from the text's other places; {}",
                key, out[i].reason
            );
        }
    }
    // containers: a place enclosing another incident place is context, unless attached
    let incident_places: Vec<usize> = out
        .iter()
        .filter(|m| m.role == Role::Incident)
        .map(|m| m.place)
        .collect();
    let mut attached: Vec<usize> = Vec::new();
    let mut wrapping: Vec<usize> = Vec::new();
    // per sentence: the first incident place seen so far, and whether another one was seen
    let mut seen: std::collections::HashMap<usize, (usize, bool)> = Default::default();
    for (mi, m) in out.iter().enumerate() {
        if m.role != Role::Incident {
            continue;
        }
        let before = seen.get(&m.sentence).copied();
        let e = seen.entry(m.sentence).or_insert((m.place, false));
        e.1 |= e.0 != m.place;
        // only a place inside a city (neighbourhood, site, camp) makes its city an incident
        // place too; «قرية دوما بنابلس» names a region
        let inner = gaz.places()[m.place].kind;
        let sub_city = matches!(
            inner,
            PlaceKind::Neighbourhood | PlaceKind::Site | PlaceKind::Camp
        );
        if let Some(cj) = container_after(folded, tokens, &accepted, mi) {
            let c = out[cj].place;
            // «احياء الصاخور والمواصلات بحلب»: a list wrapped by its city names a region
            let listed = before.is_some_and(|(first, other)| first != m.place || other);
            if c != m.place {
                if sub_city && !listed {
                    attached.push(c);
                } else {
                    wrapping.push(c);
                }
            }
        }
    }
    // the first enclosed incident place depends only on the place: computed once per place,
    // so a long text with thousands of mentions stays linear
    let mut first_inner: std::collections::HashMap<usize, Option<usize>> = Default::default();
    // a neighbourhood lies in the nearest city or town the text names, not in every one
    // within reach («النصيرات» and «حي الزيتون» are 10 km apart in the Gaza Strip)
    // (a town named as a reference counts: «حي الزيتون جنوب شرق مدينة غزة» lies in Gaza)
    let towns: Vec<usize> = out
        .iter()
        .filter(|m| matches!(m.role, Role::Incident | Role::RegionContext))
        .map(|m| m.place)
        .filter(|&t| matches!(gaz.places()[t].kind, PlaceKind::City | PlaceKind::Town))
        .collect();
    let nearest_town = |q: usize| -> Option<usize> {
        towns
            .iter()
            .copied()
            .map(|t| (km(gaz, t, q), t))
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map(|(_, t)| t)
    };
    // per sentence, the incident places it names
    let mut in_sentence: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for m in out.iter().filter(|m| m.role == Role::Incident) {
        in_sentence.entry(m.sentence).or_default().push(m.place);
    }
    for m in out.iter_mut() {
        // (a place placed at its country for want of a gazetteer entry wraps nothing)
        if m.role != Role::Incident || m.unlisted {
            continue;
        }
        // «تعرضت مدينة القامشلي لقصف …» then «… قرب حي البشيرية»: a town named with its place
        // word as what was attacked, in a sentence of the attack that names no other incident
        // place, is a place of the attack itself (GOLD.md lists both)
        let own_sentence = m.trigger.is_some_and(|t| {
            matches!(
                super::matcher::trigger_of(t).map(|x| x.1),
                Some("city" | "town" | "village")
            )
        }) && attack_sent.get(m.sentence).copied().unwrap_or(false)
            && {
                // the place word stands right after the attack's word («قصف مدينة»,
                // «تعرضت مدينة», «غارات على مدينة»), or after unnamed parts of it («على أحياء
                // في مدينة», «استهدفت أحياء سكنية في مدينة»); not after «في» alone (where,
                // which wraps)
                let t = tokens.partition_point(|t| t.end <= m.fstart);
                let attackish = |j: usize| {
                    let w = word(j);
                    w.starts_with("تعرض")
                        || matches!(w, "علي" | "على")
                        || (!tokens[j].numeric && is_cue(w, attack_cues()))
                };
                // (parts of it, or a thing in it: «على مركبة في مدينة طوباس»)
                let unnamed = |j: usize| in_list(word(j), UNNAMED_PARTS);
                t >= 2
                    && (attackish(t - 2)
                        || (word(t - 2) == "في"
                            && ((t >= 4 && unnamed(t - 3) && attackish(t - 4))
                                || (t >= 5 && unnamed(t - 4) && attackish(t - 5)))))
            }
            && in_sentence
                .get(&m.sentence)
                .is_some_and(|v| v.iter().all(|&q| q == m.place));
        // «مخيم جباليا وجباليا البلد»: «البلد» names the town proper, as against its camp or
        // quarters, so it wraps none of them
        let proper = {
            let t = tokens.partition_point(|t| t.start < m.fend);
            t < tokens.len() && tokens[t].start <= m.fend + 1 && word(t) == "البلد"
        };
        if own_sentence || proper {
            continue;
        }
        // «#ادلب_تحترق» over strikes on its towns: a hashtag on a city named like its
        // governorate stands for the governorate, which wraps them
        if m.hashtag && gaz.places()[m.place].kind == PlaceKind::City {
            let name = &gaz.places()[m.place].name_ar;
            let gov = gaz.ancestors(m.place).into_iter().find(|&g| {
                gaz.places()[g].kind == PlaceKind::Governorate
                    && crate::text::fold(&gaz.places()[g].name_ar) == crate::text::fold(name)
            });
            if let Some(q) = gov.and_then(|g| {
                incident_places
                    .iter()
                    .copied()
                    .find(|&q| q != m.place && gaz.is_ancestor(g, q) && km(gaz, m.place, q) > 15.0)
            }) {
                m.role = Role::RegionContext;
                m.reason = format!(
                    "a hashtag on the governorate around the incident place {}; {}",
                    gaz.places()[q].name_ar,
                    m.reason
                );
                continue;
            }
        }
        let p = &gaz.places()[m.place];
        let inner = *first_inner.entry(m.place).or_insert_with(|| {
            incident_places.iter().copied().find(|&q| {
                let qk = gaz.places()[q].kind;
                let region = is_natural_region(gaz, m.place);
                // (a district wraps what it is named around, or what lies close to its point:
                // its neighbours are often struck in the same report)
                let district = is_district_abroad(p);
                // a region abroad the gazetteer has as a point, without its towns under it
                // («قطاع غزة», «جنوب لبنان»): it wraps the incident places of its country
                // around that point
                let point_region = p.kind == PlaceKind::Governorate
                    && p.country != "SY"
                    && gaz.places()[q].country == p.country;
                q != m.place
                    && !is_natural_region(gaz, q)
                    && (gaz.is_ancestor(m.place, q)
                        || (region && qk >= PlaceKind::City && km(gaz, m.place, q) <= 30.0)
                        || (district && qk >= PlaceKind::City && km(gaz, m.place, q) <= 10.0)
                        || (point_region && qk >= PlaceKind::City && km(gaz, m.place, q) <= 60.0)
                        // (a camp is a place of its own unless listed under the town:
                        // «مخيم المغازي» is not in «النصيرات»)
                        || (matches!(p.kind, PlaceKind::City | PlaceKind::Town)
                            && matches!(qk, PlaceKind::Neighbourhood | PlaceKind::Site)
                            && km(gaz, m.place, q) <= 20.0
                            && nearest_town(q) == Some(m.place))
                        || (wrapping.contains(&m.place) && !attached.contains(&m.place)))
            })
        });
        if let Some(q) = inner {
            if attached.contains(&m.place) {
                m.reason = format!(
                    "container named with the incident place {}; {}",
                    gaz.places()[q].name_ar,
                    m.reason
                );
            } else {
                m.role = Role::RegionContext;
                m.reason = format!(
                    "encloses the incident place {}; {}",
                    gaz.places()[q].name_ar,
                    m.reason
                );
            }
        }
    }
    // «#درعا_البلد: استهداف منزل …»: a post tagged with its place, naming no other place —
    // the tag is where it happened (a news dateline without a hashtag stays the newsroom)
    if doc_attack && !out.iter().any(|m| m.role == Role::Incident) {
        if let Some(m) = out
            .iter_mut()
            .find(|m| m.role == Role::Dateline && m.hashtag)
        {
            m.role = Role::Incident;
            m.reason = format!(
                "the post's place tag, and the text names no other place; {}",
                m.reason
            );
        }
    }
    out
}

/// «طريق حلب - دمشق», «أوتوستراد حمص – طرطوس»: the towns a highway is named after are not
/// where something on it happened.
fn names_a_road(
    folded: &str,
    tokens: &[Token],
    f: &super::matcher::Found,
    before: &[&str],
    after_text: &str,
) -> bool {
    const ROAD: &[&str] = &["طريق", "اوتوستراد", "اتوستراد", "اوتستراد"];
    let road = |w: &str| in_list(w, ROAD);
    let dash = |c: char| matches!(c, '-' | '–' | '—' | '/');
    // the first town: right after the road word, a dash after it
    if before.first().is_some_and(|w| road(w)) && after_text.starts_with(dash) {
        return true;
    }
    // the second: a dash before it, and a road word two or three words back
    f.tok_first > 0
        && folded[tokens[f.tok_first - 1].end..f.wstart].contains(dash)
        && before.iter().skip(1).take(3).any(|w| road(w))
}

/// Nationality adjectives (folded, without the article) of the countries reports most often
/// name places in: «اللبنانية», «السوريين», «التركي» anchor the country as well as its name does.
const NISBA: &[(&str, &str)] = &[
    ("SY", "سوري"),
    ("IQ", "عراقي"),
    ("LB", "لبناني"),
    ("YE", "يمني"),
    ("LY", "ليبي"),
    ("SD", "سوداني"),
    ("PS", "فلسطيني"),
    ("JO", "اردني"),
    ("EG", "مصري"),
    ("SA", "سعودي"),
    ("TR", "تركي"),
    ("IL", "اسرائيلي"),
    ("IR", "ايراني"),
    ("DZ", "جزائري"),
    ("MA", "مغربي"),
    ("TN", "تونسي"),
    ("SO", "صومالي"),
    ("KW", "كويتي"),
    ("QA", "قطري"),
    ("AE", "اماراتي"),
    ("OM", "عماني"),
    ("BH", "بحريني"),
    ("MR", "موريتاني"),
];

/// Words that name a country (folded canonical country names, and the nationality
/// adjectives of [`NISBA`], flagged `true`) → its code; built once from the bundled
/// gazetteer (a user's overlay adds places, not countries).
fn country_words() -> &'static HashMap<String, (String, bool)> {
    static M: OnceLock<HashMap<String, (String, bool)>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m: HashMap<String, (String, bool)> = HashMap::default();
        for (c, a) in NISBA {
            m.insert(a.to_string(), (c.to_string(), true));
        }
        let gaz = Gazetteer::bundled();
        for p in gaz.places().iter().filter(|p| p.kind == PlaceKind::Country) {
            let key = crate::gazetteer::keys::name_key(&p.name_ar).0;
            if !key.contains(' ') {
                m.entry(key).or_insert((p.country.to_string(), false));
            }
        }
        m
    })
}

/// A place whose only gazetteer entry lies in a country the text gives no sign of, while the
/// text is anchored in an Arab country (named, by its adjective, a governorate or a large
/// city): the gazetteer lacks the text's place of that name, and its namesake abroad is no
/// match («محافظة البيضاء» in a Yemen report is not al-Bayda, Libya; «بلدة السعيدة» in a
/// Baalbek report is not the Syrian village).
fn namesakes_abroad(
    folded: &str,
    tokens: &[Token],
    resolved: &[Resolved],
    out: &mut [PlaceMention],
    gaz: &Gazetteer,
) {
    // a city or an administrative unit of a country vouches for the country's other places
    let vouches = |j: usize| {
        let p = &gaz.places()[resolved[j].place];
        matches!(
            p.kind,
            PlaceKind::City | PlaceKind::Governorate | PlaceKind::District | PlaceKind::Subdistrict
        ) || p.population.unwrap_or(0) >= 50_000
    };
    let vouched = |i: usize, c: &str| {
        (0..resolved.len()).any(|j| {
            resolved[j].place != resolved[i].place
                && gaz.places()[resolved[j].place].country == c
                && vouches(j)
        })
    };
    // the mentions to check: incident or context places that no other place vouches for
    let doubtful: Vec<usize> = (0..out.len())
        .filter(|&i| {
            let p = &gaz.places()[out[i].place];
            matches!(out[i].role, Role::Incident | Role::RegionContext)
                && !matches!(p.kind, PlaceKind::Country | PlaceKind::Governorate)
                && p.population.unwrap_or(0) < 1_000_000
                && !vouched(i, p.country.as_ref())
        })
        .collect();
    if doubtful.is_empty() {
        return;
    }
    // the countries the text names, by name or adjective, with or without a cue («يشهد فيه
    // لبنان»)
    let table = country_words();
    let mut named: Vec<&str> = Vec::new();
    // (a country in a street's or a square's name, «شارع الكويت», is not named by the text)
    let street_words: Vec<(usize, usize)> = resolved
        .iter()
        .filter(|r| r.acc.in_site_name())
        .map(|r| (r.acc.found.wstart, r.acc.found.kend))
        .collect();
    for t in tokens.iter().filter(|t| !t.numeric).filter(|t| {
        !street_words
            .iter()
            .any(|&(a, b)| t.start >= a && t.end <= b)
    }) {
        let w = &folded[t.start..t.end];
        for s in super::matcher::stems(w) {
            let base = s
                .strip_suffix("ين")
                .or_else(|| s.strip_suffix("ون"))
                .or_else(|| s.strip_suffix('ه'));
            if let Some((c, _)) = table.get(s) {
                named.push(c.as_str());
            }
            // (inflected, only adjectives: «مصرين» in «معرة مصرين» is no Egypt)
            if let Some((c, true)) = base.and_then(|b| table.get(b)) {
                named.push(c.as_str());
            }
        }
    }
    named.sort_unstable();
    // a country word said once with no place of that country around it may be a word
    // («صلاة المغرب» is the sunset prayer, not Morocco): it needs a second mention or a place
    let said = |k: &str| named.iter().filter(|n| **n == k).count();
    // («الغارة السعودية»: a country's name right after a noun with the article is its
    // adjective, who struck, not a place named)
    let adjective = |r: &Resolved| {
        let f = &r.acc.found;
        gaz.places()[r.place].kind == PlaceKind::Country
            && folded[f.wstart..].starts_with("ال")
            && f.clitic.is_empty()
            && f.tok_first > 0
            && folded[tokens[f.tok_first - 1].start..tokens[f.tok_first - 1].end].starts_with("ال")
    };
    let has_place = |k: &str| {
        resolved
            .iter()
            .any(|r| gaz.places()[r.place].country == k && !r.acc.in_site_name() && !adjective(r))
    };
    let mut anchors: Vec<&str> = named
        .iter()
        .copied()
        .filter(|k| crate::gazetteer::is_arab_country(k) && (said(k) >= 2 || has_place(k)))
        .collect();
    anchors.dedup();
    named.dedup();
    if anchors.is_empty() {
        return;
    }
    for i in doubtful {
        let p = &gaz.places()[out[i].place];
        let c = p.country.as_ref();
        // the named Arab country most of the text's places lie in («اليمن» over the
        // coalition's «السعودية»)
        let Some(k) = anchors.iter().copied().filter(|k| *k != c).max_by_key(|k| {
            let n = resolved
                .iter()
                .filter(|r| gaz.places()[r.place].country == *k)
                .count();
            (n, std::cmp::Reverse(*k))
        }) else {
            continue;
        };
        if !named.contains(&c) {
            // a lesser namesake in that country, when the gazetteer has one («المنصورة» in an
            // Aleppo report is a village there, not the Egyptian city)
            let in_k = resolved[i]
                .acc
                .found
                .refs
                .iter()
                .map(|r| r.place as usize)
                .filter(|&q| {
                    gaz.places()[q].country == k && gaz.places()[q].kind != PlaceKind::Country
                })
                // nearest to the text's other places there, else the most populous
                .map(|q| {
                    let near = resolved
                        .iter()
                        .filter(|r| {
                            r.place != resolved[i].place
                                && gaz.places()[r.place].country == k
                                && gaz.places()[r.place].kind != PlaceKind::Country
                        })
                        .map(|r| km(gaz, q, r.place))
                        .fold(f64::INFINITY, f64::min);
                    (near, q)
                })
                .min_by(|a, b| {
                    a.0.total_cmp(&b.0).then_with(|| {
                        gaz.places()[b.1]
                            .population
                            .cmp(&gaz.places()[a.1].population)
                            .then(a.1.cmp(&b.1))
                    })
                })
                .map(|(_, q)| q);
            if let Some(q) = in_k {
                out[i].reason = format!(
                    "the namesake in {k}, the country the text names (not the one in {c}); {}",
                    out[i].reason
                );
                out[i].place = q;
                continue;
            }
            // a frequent word («#السجن», «سوق الخميس») whose only places lie abroad is the
            // word, or a site named after it: nothing to place; after a settlement or area
            // word («بلدة السعيدة», «منطقة الدورة») it is a place the gazetteer lacks
            let acc = &resolved[i].acc;
            let settled = acc.trigger.is_some_and(|t| t.1 != "site");
            // (so is a bare word with no place cue at all: «سيارة مفخخة نوع كورلا», a car, is
            // no Korla; «استهدفا مقرين أمنيين», two headquarters, no Mqrin)
            let bare = !settled
                && !acc.found.hashtag
                && !acc.found.multiword
                && matches!(acc.cue, "name" | "attack_object");
            // («#صعدة» is frequent only as the town the news names so often)
            let frequent = acc.found.zipf >= super::matcher::COMMON_ZIPF
                && !super::matcher::name_not_word(&folded[acc.found.wstart..acc.found.kend]);
            if (frequent || bare) && !settled {
                out[i].role = Role::Other;
                out[i].reason = format!(
                    "a frequent word whose only places lie abroad (in {c}, while the text names {k}): taken as the word; {}",
                    out[i].reason
                );
                continue;
            }
            // else the text's place is one the gazetteer lacks: placed at the town of that
            // country its sentence names, else the one town of it the text names («الحارات 29
            // و43 في حي الثورة» after «حي الثورة في أم درمان»), else at the country
            // (approximate), never at the namesake
            let town_in_k = |j: usize| {
                let q = &gaz.places()[out[j].place];
                j != i
                    && q.country == k
                    && matches!(q.kind, PlaceKind::City | PlaceKind::Town)
                    && matches!(out[j].role, Role::Incident | Role::RegionContext)
            };
            let si = out[i].sentence;
            let town = (0..out.len())
                .filter(|&j| town_in_k(j) && out[j].sentence == si)
                .min_by_key(|&j| out[j].fstart.abs_diff(out[i].fstart))
                .map(|j| out[j].place)
                .or_else(|| {
                    let mut towns = (0..out.len())
                        .filter(|&j| town_in_k(j))
                        .map(|j| out[j].place);
                    let first = towns.next()?;
                    towns.all(|t| t == first).then_some(first)
                });
            if let Some(t) = town {
                let tname = &gaz.places()[t].name_ar;
                out[i].reason = format!(
                    "not in the gazetteer in {k}, the country the text names (its namesake in {c} is no match): placed at {tname}, the town the text names there (approximate); {}",
                    out[i].reason
                );
                out[i].place = t;
                out[i].unlisted = true;
                continue;
            }
            match gaz.index_of(&format!("ISO:{k}")) {
                Some(ci) => {
                    out[i].reason = format!(
                        "not in the gazetteer in {k}, the country the text names (its namesake in {c} is no match): placed at {k} (approximate); {}",
                        out[i].reason
                    );
                    out[i].place = ci;
                    out[i].unlisted = true;
                }
                None => {
                    out[i].role = Role::Other;
                    out[i].reason = format!(
                        "a namesake in {c}, a country the text gives no sign of (it names {k}); {}",
                        out[i].reason
                    );
                }
            }
        }
    }
}

/// «بقطاع», «بمنطقة», «لمدينة»: a place word after a preposition written on it. The place it
/// introduces is where something is, not part of the name of an organisation before it
/// («تعرض مركز المسيال بقطاع ظهران الجنوب»; but «مجلس مدينة حلب» is a council's name).
fn place_word_after_preposition(w: &str) -> bool {
    ["ب", "وب", "فب", "ل", "ول"].iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|rest| TRIGGERS.iter().any(|(t, _)| *t == rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept answers are the answers: each word asked twice (the second time from memory)
    /// gives what the stems and the list say.
    #[test]
    fn cue_memory_agrees_with_the_list() {
        let cues = attack_cues();
        for w in [
            "قصف",
            "وبالقصف",
            "قصفت",
            "للقصف",
            "غارات",
            "بغارة",
            "حلب",
            "الصاخور",
            "و",
            "مدينه",
            "استهدف",
            "واستهدفت",
            "برميل",
            "قصفتهاااااااا",
        ] {
            let direct = stems(w).any(|f| cues.prefix_of(f, 6));
            assert_eq!(is_cue(w, cues), direct, "{w}");
            assert_eq!(is_cue(w, cues), direct, "{w} (remembered)");
        }
        // the same word against another list is looked up in that list
        let deaths = crate::incident::casualties::death_words();
        assert!(is_cue("قصف", cues));
        assert!(!is_cue("قصف", deaths));
        assert!(is_cue("قتلي", deaths));
    }
}
