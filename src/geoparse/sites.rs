//! Named sites the gazetteer lacks: a hotel, an embassy, a school, a port or a market where an
//! attack landed («انفجار سيارة قرب فندق قصر ليبيا في حي الظهرة»). Reports name them as the
//! most specific place of the attack, and coders list them with the town around them; the
//! gazetteer cannot hold every building, so the site is kept as written and placed at the
//! place the text puts it in (approximate).

use super::matcher::{sentence_of, stems, trigger_of, zipf_of};
use super::{roles, PlaceMention, Role, Token};
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::text::words::{remembered, Asked};

/// Words for a building or facility (folded, without the article).
const SITE_WORDS: &[&str] = &[
    "فندق",
    "سفاره",
    "مدرسه",
    "ميناء",
    "مرفا",
    "مطار",
    "مستشفي",
    "مشفي",
    "سوق",
    "قاعده",
    "معبر",
    "جامع",
    "مسجد",
    "مبني",
    "مقر",
    "محطه",
    "جامعه",
    "كليه",
    "سجن",
    "ملعب",
    "مصفاه",
    "مصنع",
    "كنيسه",
    // («قرب مرقد خضر الياس في كركوك», «حسينية الزهراء»: shrines and Shia halls)
    "مرقد",
    "ضريح",
    "حسينيه",
    "مطعم",
    "مخبز",
    "فرن",
    "صيدليه",
    "مصحه",
    "مستوصف",
    "صاله",
    "معهد",
    "روضه",
    "مقبره",
    "مدارس",
    "موسسه",
    "مجمع",
    "مخفر",
    "تبه",
    // («موقف سبيرو», «مفترق الشرقية»: a bus stop or a crossroads where people gather)
    "موقف",
    "مفترق",
    "تقاطع",
    // («طريق الكاستيلو»: a road by its own name; one named after a town leads to it, and lies
    // outside it, so is not taken)
    "طريق",
    "اوتوستراد",
    // («دوار البولمان», «شارع الكويت»: a roundabout or street named after a place is a site,
    // not that place)
    "دوار",
    "شارع",
];

/// Sites that receive the wounded more often than they are struck: named only right after a
/// word of the attack.
const HOSPITAL_WORDS: &[&str] = &["مستشفي", "مشفي"];

/// Roads: one named after a town («طريق حلب», «أوتوستراد دمشق») runs to it, not in it.
const ROAD_WORDS: &[&str] = &["طريق", "اوتوستراد"];

/// Institutions and streets that take a name of one virtue, person or thing, however common
/// the word is («مسجد السلام», «مستشفى الأمل», «صيدلية العودة», «مدرسة الخنساء»).
const INSTITUTION_WORDS: &[&str] = &[
    "مسجد",
    "جامع",
    "مدرسه",
    "مستشفي",
    "مشفي",
    "صيدليه",
    "مصحه",
    "مستوصف",
    "روضه",
    "كنيسه",
    "مخبز",
    "فرن",
    "مطعم",
    "فندق",
    // («دوار النقل», «شارع النيل», «سوق الخضار»: streets, squares and markets too)
    "دوار",
    "شارع",
    "سوق",
    "موقف",
];

/// Words after an institution's word that say whose or which, not its name («مسجد القرية»,
/// «مدرسة المخيم», «مستشفى المدينة», «مبنى البلدية»), without the article.
const GENERIC_OWNERS: &[&str] = &[
    "مدينه",
    "بلده",
    "قريه",
    "محافظه",
    "منطقه",
    "حي",
    "مخيم",
    "حكومه",
    "دوله",
    "بلديه",
    "مدرسه",
    "مستشفي",
    "مشفي",
    "مسجد",
    "جامع",
    "مركز",
    "مجمع",
    "جمعيه",
    "جيش",
    "شرطه",
    "امن",
    "نظام",
    "احتلال",
    "مجلس",
    "سفاره",
    "وزاره",
    "حزب",
    "تنظيم",
    "جماعه",
    "مستهدف",
    "ميداني",
    "عايله",
    "اسره",
    "ناحيه",
    "قضاء",
    "ريف",
];

/// Words before a site that put the attack at it («قرب», «في محيط», «غرب»).
const AT_WORDS: &[&str] = &[
    "في",
    "داخل",
    "قرب",
    "بالقرب",
    "محيط",
    "بمحيط",
    "امام",
    "علي",
    "عند",
    "وسط",
    "قباله",
    "مقابل",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "بجوار",
    "جوار",
    "بجانب",
    "جانب",
    "خلف",
    "ساحه",
];

/// Words of nearness before a site: the shell fell by the building, which is then never
/// where the wounded were taken.
const NEAR_WORDS: &[&str] = &[
    "قرب",
    "بالقرب",
    "محيط",
    "بمحيط",
    "امام",
    "بجوار",
    "جوار",
    "بجانب",
    "جانب",
    "خلف",
    "مقابل",
    "قباله",
];

/// Beginnings of the words of the attack itself («استهدفت», «قصف», «انفجار»).
const STRUCK_BY: &[&str] = &[
    "استهدف",
    "استهداف",
    "قصف",
    "انفجار",
    "تفجير",
    "هجوم",
    "ضرب",
    "اصاب",
    "دمر",
    "تدمير",
    "اقتحام",
    "سقط",
    // («وشمل القصف سوق بانت»)
    "شمل",
];

/// Who strikes, as the subject after the verb: «استهدفت غارات الاحتلال …», «قصفت طائرات …».
const AGENTS: &[&str] = &[
    "طيران",
    "الطيران",
    "طايرات",
    "الطايرات",
    "طايره",
    "غارات",
    "غاره",
    "مقاتلات",
    "المقاتلات",
    "مسيره",
    "مسيرات",
    "قوات",
    "القوات",
    "الجيش",
    "جيش",
    "مدفعيه",
    "المدفعيه",
    "ميليشيا",
    "مليشيا",
    "قذيفه",
    "قذايف",
    "صاروخ",
    "صواريخ",
    "البوارج",
    "الاحتلال",
    "القصف",
];

/// Words after a site word that describe it rather than name it («مدرسة ابتدائية», «السوق
/// الشعبي»), or start a new phrase.
const NOT_NAMES: &[&str] = &[
    "شعبي",
    "مركزي",
    "رييسي",
    "عسكري",
    "حكومي",
    "اهلي",
    "خاص",
    "ابتدايي",
    "ثانوي",
    "اعدادي",
    "ميداني",
    "كبير",
    "صغير",
    "جديد",
    "قديم",
    "مجاور",
    // («المبنى الملاصق له»: the building next to the one struck)
    "ملاصق",
    "محاذي",
    "مقابل",
    "قريب",
    "تابع",
    "مكتظ",
    "مزدحم",
    "مدينه",
    "بلده",
    "قريه",
    "حي",
    "منطقه",
    "مخيم",
    "نفس",
    "ذات",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "الذي",
    "التي",
    "الذين",
    "عام",
    "محلي",
    "وحيد",
    "اخر",
    "اخري",
    "اول",
    "ثاني",
    "مدني",
    "سكني",
    "رسمي",
    "دولي",
    "وطني",
    "عمومي",
    "حالي",
    "سابق",
    "مستهدف",
    "مدمر",
    // («الطريق الواصل بين …», «الطريق الاستراتيجي»: which road, not its name)
    "واصل",
    "رابط",
    "مودي",
    "استراتيجي",
    "سريع",
    "دايري",
    "امداد",
    "حيوي",
];

/// Adjectives of kind after a site's name («الجوية», «الدولي»), without the article.
const KIND_ADJECTIVES: &[&str] = &[
    "جوي",
    "جويه",
    "عسكري",
    "عسكريه",
    "بحري",
    "بحريه",
    "دولي",
    "دوليه",
    "حكومي",
    "حكوميه",
    "مركزي",
    "مركزيه",
    "رييسي",
    "رييسيه",
    "شعبي",
    "شعبيه",
    "نفطي",
    "نفطيه",
];

/// Words that end a site's name besides the prepositions and compass words
/// ([`super::lexicon::PREPOSITIONS`]): «بعد», «الذي», «مما» …
const STOPS: &[&str] = &[
    "بعد",
    "قبل",
    "منذ",
    "حيث",
    "او",
    "ثم",
    "الذي",
    "التي",
    "الذين",
    "مما",
    "ما",
    "حين",
    "اثناء",
    "خلال",
    "محيط",
    "امام",
    "لدي",
    "عبر",
    "ضد",
];

/// A word for a building or facility, with or without the article.
fn is_site_word(s: &str) -> bool {
    SITE_WORDS.contains(&s.strip_prefix("ال").unwrap_or(s))
}

/// A word without its article and its feminine or accusative ending («الشعبية» → «شعبي»).
fn bare(w: &str) -> &str {
    w.strip_prefix("ال")
        .unwrap_or(w)
        .trim_end_matches(['ه', 'ا'])
}

/// Sites named in the sentences of an attack, placed at the place the text puts them in.
pub fn unlisted_sites(
    folded: &str,
    tokens: &[Token],
    sents: &[(usize, usize)],
    cues: &roles::TextCues,
    mentions: &[PlaceMention],
    gaz: &Gazetteer,
) -> Vec<PlaceMention> {
    let (attack, told_earlier) = (cues.attack, cues.told_earlier);
    let mut out: Vec<PlaceMention> = Vec::new();
    if mentions.is_empty() || !attack.reported {
        return out;
    }
    let word = |i: usize| &folded[tokens[i].start..tokens[i].end];
    // («سوق الهال», «دوار الساعة»: a generic name the gazetteer has only in another city is
    // this city's own site; so is a street named after a place abroad: «شارع الوادي»)
    let elsewhere = |m: &PlaceMention| {
        roles::set_aside_as(
            m,
            &[roles::GENERIC_FAR, roles::BARE_ABROAD, roles::SMALL_ABROAD],
        )
    };
    let covered = |i: usize| {
        mentions
            .iter()
            .any(|m| m.fstart < tokens[i].end && tokens[i].start < m.fend && !elsewhere(m))
    };
    // (a name abroad that the site word opens is read as words; one that follows it names it)
    let mention_at = |i: usize| {
        mentions.iter().position(|m| {
            m.fstart <= tokens[i].start
                && tokens[i].start < m.fend
                && !(elsewhere(m) && m.fstart < tokens[i].start)
        })
    };
    for i in 0..tokens.len() {
        if tokens[i].numeric {
            continue;
        }
        let w = word(i);
        // (asked of every word of every report: the answer per word is remembered)
        let site_word_at = remembered(Asked::Site, SITE_WORDS.as_ptr() as usize, 0, w, || {
            stems(w).any(is_site_word)
        });
        if !site_word_at || covered(i) {
            continue;
        }
        // the site word as written, with the article when it has one («بالمدرسه» →
        // «المدرسه»)
        let Some(site) = stems(w).find(|s| is_site_word(s)) else {
            continue;
        };
        let site_word = site.strip_prefix("ال").unwrap_or(site);
        let si = sentence_of(sents, tokens[i].start);
        if told_earlier.get(si).copied().unwrap_or(false) {
            continue;
        }
        let s = sents[si];
        if !attack.sentences[si] {
            continue;
        }
        // what stands before it: the attack's word, or a word of place after one
        let in_sentence = |j: usize| tokens[j].start >= s.0;
        let prev = (i > 0 && in_sentence(i - 1)).then(|| word(i - 1));
        let prev2 = (i > 1 && in_sentence(i - 2)).then(|| word(i - 2));
        let clitic = &w[..w.len() - site.len()];
        let struck = |x: &str| stems(x).any(|f| STRUCK_BY.iter().any(|b| f.starts_with(b)));
        // «على» after the attack's words in the same clause: «غارة جوية شنتها مقاتلات الأسد
        // على مشفى البيان», «سقطت قذيفة على مستشفى الأهلي»
        let attack_word = |x: &str| struck(x) || stems(x).any(|f| f.starts_with("غار"));
        let clause_before = (i.saturating_sub(7)..i.saturating_sub(1))
            .rev()
            .take_while(|&j| {
                in_sentence(j) && !folded[tokens[j].end..tokens[j + 1].start].contains(['،', ','])
            })
            .any(|j| attack_word(word(j)));
        let struck_before = prev.is_some_and(struck)
            // «طال القصف سوق الخضار», «القصف طال سوق …»: the shelling reached it
            || prev.is_some_and(|p| matches!(p, "طال" | "طالت" | "يطال" | "تطال"))
            || (prev.is_some_and(|p| matches!(p, "علي" | "على")) && clause_before)
            // «استهدفت بالصواريخ "مدرسة السلام"»: the weapon between the verb and the site
            || (prev.is_some_and(|p| p.starts_with('ب') && !is_site_word(p)) && prev2.is_some_and(struck))
            // «قصفت بصاروخ باليستي مدرسة …»: the weapon and its adjective
            || (i > 2
                && in_sentence(i - 3)
                && prev2.is_some_and(|p| p.starts_with('ب') && !is_site_word(p))
                && prev.is_some_and(|p| !is_site_word(p) && trigger_of(p).is_none())
                && struck(word(i - 3)));
        // «استهدفت غارات الاحتلال الإسرائيلي مسجد البخاري», «قصف طائرات الاحتلال الحربية مدرسة
        // …»: the verb, who struck (up to four words, opening with the aircraft, the forces or
        // the weapon), then the site
        let struck_before = struck_before
            || (2..=5).any(|back| {
                i >= back
                    && in_sentence(i - back)
                    && struck(word(i - back))
                    && stems(word(i - back + 1)).any(|f| AGENTS.contains(&f))
                    && (i - back + 1..i).all(|j| {
                        let x = word(j);
                        !covered(j)
                            && !is_site_word(x)
                            && !super::lexicon::PREPOSITIONS.contains(&x)
                            && !folded[tokens[j].end..tokens[j + 1].start].contains(['،', ','])
                    })
            });
        // a word of nearness: the shell fell by the building («سقطت بالقرب من مستشفى …»),
        // which is never where the wounded were taken
        let near_before = prev.is_some_and(|p| stems(p).any(|f| NEAR_WORDS.contains(&f)))
            || (prev == Some("من") && prev2.is_some_and(|p| p.ends_with("قرب")));
        // the next item of a list whose item before it is a place of the attack: «قرب مقر
        // المشفى العام ومدرسة سليم الملا», «سوق السمك، موقف الأمجاد، سوق الملجة»
        // («… جامع قباء و شارع الوادي»: the «و» may stand apart)
        let apart = usize::from(prev == Some("و") && i > 1 && in_sentence(i - 2));
        let listed = i > apart && in_sentence(i - 1 - apart) && {
            let k = i - 1 - apart;
            let gap = &folded[tokens[k].end..tokens[k + 1].start];
            let anded = (clitic.starts_with('و') || apart == 1) && gap == " ";
            let comma = apart == 0 && (gap.trim() == "،" || gap.trim() == ",");
            let end = tokens[k].end;
            // (after a town and a comma the words describe the town: «طرابلس، مقر حكومة
            // الوفاق»)
            ((anded || comma) && out.iter().any(|o| o.fend == end))
                || (anded
                    && mentions
                        .iter()
                        .any(|m| m.fend == end && m.role == Role::Incident))
        };
        // («طال سوق الخضار، بالإضافة إلى سوق الأسماك»: one more struck site of the sentence)
        let in_addition =
            prev == Some("الي") && prev2 == Some("بالاضافه") && out.iter().any(|o| o.sentence == si);
        // (a word of nearness is a word of place too)
        let at_before = near_before
            || in_addition
            || prev.is_some_and(|p| stems(p).any(|f| AT_WORDS.contains(&f)))
            || matches!(clitic, "ب" | "وب")
            || listed;
        let hospital = HOSPITAL_WORDS.contains(&site_word);
        // a describing word right after the site word: «مدرسة ابتدائية», «السوق الشعبي»; but
        // after the bare site word the adjective with the article names it («مستشفى الأهلي»,
        // «مستشفى الوطني»)
        let describes = |x: &str| {
            NOT_NAMES.contains(&bare(x)) && (site.starts_with("ال") || !x.starts_with("ال"))
        };
        // the name: a place the text names («ميناء الحديدة»), or up to three words
        let mut last = i;
        let mut inside: Option<usize> = None;
        let mut words: Vec<&str> = Vec::new();
        let mut j = i + 1;
        while j < tokens.len() && words.len() < 3 {
            let t = &tokens[j];
            // (the name may stand in quotes: «مشفى “البيان”»)
            let gap = &folded[tokens[j - 1].end..t.start];
            let quoted = j == i + 1
                && gap.trim().chars().all(|c| {
                    "\"“”«»'".contains(c) || (c == '(' && INSTITUTION_WORDS.contains(&site_word))
                })
                && gap.chars().count() <= 3;
            if t.numeric || t.end > s.1 || (gap != " " && !quoted) {
                break;
            }
            if let Some(m) = mention_at(j) {
                // the whole place, then the name ends
                inside = Some(m);
                last = tokens
                    .partition_point(|x| x.end <= mentions[m].fend)
                    .max(j + 1)
                    - 1;
                if tokens[last].end != mentions[m].fend {
                    inside = None;
                    break;
                }
                words.push(&folded[mentions[m].fstart..mentions[m].fend]);
                break;
            }
            let x = word(j);
            // a preposition glued to a common word («بهدف», «بالقرب», «لخروجه») ends the name
            let glued = ["ب", "ل", "ف", "ك"].iter().any(|c| {
                x.strip_prefix(c)
                    .is_some_and(|r| zipf_of(r) >= super::matcher::COMMON_ZIPF)
            });
            // after a word with the article, the name goes on only with words that have it
            // («كلية الهندسة المعمارية», «المدرسة الإيرانية»; not «المركز أدت», «المبنى
            // استهداف»)
            let definite_before = words
                .last()
                .map_or(site.starts_with("ال"), |w| w.starts_with("ال"));
            // («مقر الحسبة التابع لتنظيم …», «المبنى الواقع في …»: what follows says where
            // or whose it is)
            let relational = matches!(
                bare(x),
                "تابع" | "واقع" | "خاضع" | "محاذي" | "مجاور" | "قريب" | "مقابل"
            );
            if STOPS.contains(&x)
                || relational
                || super::lexicon::PREPOSITIONS.contains(&x)
                || glued
                || (definite_before && !x.starts_with("ال"))
                || x.starts_with('و')
                || x.starts_with("لل")
                || trigger_of(x).is_some()
                || (words.is_empty() && describes(x))
            {
                break;
            }
            words.push(x);
            last = j;
            j += 1;
        }
        // the attack at the site: its word right before, a word of place before it, or (for a
        // site named after a place: «ميناء الحديدة») that place is where the attack landed
        let place_struck = inside.is_some_and(|m| mentions[m].role == Role::Incident);
        // «أن سوق السمك، موقف الأمجاد … شهدت قصفاً مركزاً»: the site as the subject of «شهد»
        // or «تعرض» with the attack after it, in its sentence
        let struck_after = (last + 1..tokens.len().min(last + 12))
            .take_while(|&j| tokens[j].end <= s.1)
            .position(|j| matches!(word(j), "شهدت" | "شهد" | "تعرضت" | "تعرض"))
            .is_some_and(|k| {
                let j = last + 1 + k;
                (j + 1..tokens.len().min(j + 3))
                    .filter(|&x| tokens[x].end <= s.1)
                    .any(|x| attack_word(word(x)))
            });
        if !(struck_before
            || (at_before && (!hospital || near_before))
            || (place_struck && !hospital)
            || (struck_after && !hospital))
        {
            continue;
        }
        // «مطار بغداد الدولي», «قاعدة عين الأسد الجوية»: a last adjective of kind is dropped
        // (the site is named without it as often as with it)
        while words.len() >= 2
            && inside.is_none()
            && KIND_ADJECTIVES.contains(&bare(words[words.len() - 1]))
        {
            words.pop();
            last -= 1;
        }
        if words.is_empty() {
            continue;
        }
        // «مبنى المجمع الحكومي», «مقر المشفى العام»: the building of another site is that site
        if matches!(site_word, "مبني" | "مقر") && is_site_word(words[0]) {
            continue;
        }
        // «مدرسة تؤوي نازحين»: a verb and its object, not a name
        if words.len() >= 2 && words[0].starts_with(['ي', 'ت']) && !words[1].starts_with("ال") {
            continue;
        }
        // a name, not a description: no descriptive word first, and not only the most
        // frequent words («مقر الحكومة», «سوق المدينة»)
        // («المدرسة الإيرانية»: an adjective of origin names, however frequent)
        let of_origin = |x: &str| x.starts_with("ال") && (x.ends_with("يه") || x.ends_with('ي'));
        // («"مدرسة السلام"», «مشفى “النور”»: a name in quotes is a name, however frequent)
        // (or in brackets: «مسجد (معاذ بن جبل)»)
        let quote = |c: char| "\"“”«»()".contains(c);
        let in_quotes = (folded[..tokens[i].start].trim_end().ends_with(quote)
            || folded[tokens[i].end..tokens[i + 1].start].contains(quote))
            && folded[tokens[last].end..].trim_start().starts_with(quote);
        // («مسجد السلام», «صيدلية العودة»: an institution's one-word name, however common the
        // word, unless the word says whose it is: «مسجد القرية», «مبنى البلدية»)
        // («مدرسة عمر بن الخطاب»: a person's name, common words or not)
        let institution_name = (INSTITUTION_WORDS.contains(&site_word)
            && words.len() == 1
            && words[0]
                .strip_prefix("ال")
                .is_some_and(|w| !GENERIC_OWNERS.contains(&w)))
            || words.iter().skip(1).any(|w| matches!(*w, "بن" | "ابن"))
            // («جامع قباء», «مسجد بلال», «مدرسة حطين»: a mosque or school takes a proper name
            // without the article; «فندق مارينا», «مطعم حسان»: so do a hotel, a restaurant, a
            // hospital or a pharmacy, by a word that is not among the most frequent)
            || (words.len() == 1
                && !words[0].starts_with("ال")
                && match site_word {
                    "مسجد" | "جامع" | "مدرسه" => true,
                    "فندق" | "مطعم" | "مستشفي" | "مشفي" | "صيدليه" | "مستوصف" => {
                        zipf_of(words[0]) < 450
                    }
                    _ => false,
                });
        // («مدرسة العائلة المقدسة», «مسجد الشهيد الحربي»: an institution named by words with
        // the article after its bare word, not whose it is: «مدرسة القرية الوحيدة»)
        let institution_name = institution_name
            || (INSTITUTION_WORDS.contains(&site_word)
                && !site.starts_with("ال")
                && words.len() >= 2
                && words.iter().all(|w| {
                    w.starts_with("ال")
                        && !NOT_NAMES.contains(&bare(w))
                        && !GENERIC_OWNERS.contains(&bare(w))
                }));
        // («ميناء رأس عيسى», «مسجد سليم أبو مسلم»: words without the article that make a
        // proper name together, however frequent each is)
        let proper_phrase = words.len() >= 2
            && !words[0].starts_with("ال")
            && !GENERIC_OWNERS.contains(&bare(words[0]));
        if describes(words[0])
            || (inside.is_none()
                && !in_quotes
                && !institution_name
                && !proper_phrase
                && words.iter().all(|x| zipf_of(x) >= 450 && !of_origin(x)))
        {
            continue;
        }
        // a road named after a town runs to it: «طريق حلب» is not in Aleppo
        if inside.is_some() && ROAD_WORDS.contains(&site_word) {
            continue;
        }
        // «سوق خضار», «مدرسة ابتدائية»: one indefinite common word says what kind, not which
        if inside.is_none()
            && !institution_name
            && words.len() == 1
            && !words[0].starts_with("ال")
            && zipf_of(words[0]) >= super::matcher::COMMON_ZIPF
        {
            continue;
        }
        // («حيث سبق أن استهدفت مسيرات مماثلة قاعدة …», «بعد يوم من إصابة قاعدة …»: struck in
        // an earlier attack, which a marker of the past or a span of time says; asked last, of
        // a site already named and struck)
        let sentence = &folded[s.0..s.1];
        // («تعلن السيطرة على مطار طرابلس»: taken in ground fighting, not struck)
        if super::roles::ground_advance(&folded[s.0..tokens[i].start]) {
            continue;
        }
        if super::roles::earlier_attack(
            &folded[s.0..tokens[i].start],
            super::lexicon::PAST_MARKERS
                .iter()
                .any(|m| sentence.contains(m)),
            true,
        ) {
            continue;
        }
        // where it is: the place its name holds, else the next place of its sentence, else the
        // one before it (countries excepted: «سفارة إيطاليا في طرابلس» is in Tripoli)
        let settled = |m: &PlaceMention| {
            matches!(m.role, Role::Incident | Role::RegionContext)
                && gaz.places()[m.place].kind != PlaceKind::Country
        };
        // (a name opened with a quote or bracket keeps the closing one: «مسجد (معاذ بن جبل)»)
        let opened = tokens
            .get(i + 1)
            .is_some_and(|t| folded[tokens[i].end..t.start].contains(['"', '“', '«', '(']));
        let end = match folded[tokens[last].end..].chars().next() {
            Some(c) if opened && "\"”»)".contains(c) => tokens[last].end + c.len_utf8(),
            _ => tokens[last].end,
        };
        let container = inside
            .filter(|&m| settled(&mentions[m]))
            .or_else(|| {
                let after = mentions
                    .iter()
                    .position(|m| m.sentence == si && m.fstart >= end && settled(m));
                let before = mentions
                    .iter()
                    .rposition(|m| m.sentence == si && m.fend <= tokens[i].start && settled(m));
                // («استهداف السوق الشعبي في #معرة_النعمان … #ادلب»: a place after the site that
                // only wraps the report's places is not where the site is; the town of the
                // attack before it is)
                match (after, before) {
                    (Some(a), Some(b))
                        if mentions[a].role == Role::RegionContext
                            && mentions[b].role == Role::Incident =>
                    {
                        Some(b)
                    }
                    _ => after.or(before),
                }
            })
            // (else the place of the report's attack: «وقد هز انفجار سوق السنك …» after
            // «… وسط العاصمة العراقية بغداد»)
            .or_else(|| {
                mentions
                    .iter()
                    .position(|m| m.role == Role::Incident && settled(m))
            });
        let Some(c) = container else { continue };
        let fstart = tokens[i].end - site.len();
        if out.iter().any(|o| o.fstart == fstart) {
            continue;
        }
        let cname = &gaz.places()[mentions[c].place].name_ar;
        out.push(PlaceMention {
            start: 0,
            end: 0,
            fstart,
            fend: end,
            text: String::new(),
            place: mentions[c].place,
            candidates: 0,
            role: Role::Incident,
            reason: format!(
                "a site the gazetteer lacks, «{}», placed at {cname} (approximate); named {} in a sentence reporting an attack",
                &folded[fstart..end],
                if struck_before { "as what was struck" } else { "as where the attack was" }
            ),
            confidence: 0.5,
            sentence: si,
            trigger: None,
            hashtag: false,
            unlisted: true,
        });
    }
    out
}

/// «مطار بغداد الدولي», «ميناء الحديدة» as the gazetteer's own sites: the town a site is named
/// after is a place of the attack too, as for the sites the gazetteer lacks (coders list both).
/// Only a town of the site's country within 30 km of it counts.
pub fn towns_named_in_sites(
    folded: &str,
    tokens: &[Token],
    mentions: &[PlaceMention],
    gaz: &Gazetteer,
) -> Vec<PlaceMention> {
    let mut out = Vec::new();
    for m in mentions {
        let site = &gaz.places()[m.place];
        if m.role != Role::Incident || m.unlisted || site.kind != PlaceKind::Site {
            continue;
        }
        let toks = super::tokens_in(tokens, (m.fstart, m.fend));
        if toks.len() < 2 || !stems(&folded[toks[0].start..toks[0].end]).any(is_site_word) {
            continue;
        }
        // the longest run of words after the site word that names such a town
        let town = (2..=toks.len()).rev().find_map(|k| {
            let name = &folded[toks[1].start..toks[k - 1].end];
            let bare = name.strip_prefix("ال").unwrap_or(name);
            gaz.by_key(name)
                .iter()
                .chain(if bare != name { gaz.by_key(bare) } else { &[] })
                .map(|r| r.place as usize)
                .filter(|&q| {
                    let p = &gaz.places()[q];
                    matches!(
                        p.kind,
                        PlaceKind::City | PlaceKind::Town | PlaceKind::Village
                    ) && p.country == site.country
                })
                .map(|q| (super::resolve::km(gaz, m.place, q), q))
                .filter(|(d, _)| *d <= 30.0)
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
                .map(|(_, q)| (q, toks[1].start, toks[k - 1].end))
        });
        let Some((q, fstart, fend)) = town else {
            continue;
        };
        if out.iter().any(|o: &PlaceMention| o.fstart == fstart) {
            continue;
        }
        out.push(PlaceMention {
            start: 0,
            end: 0,
            fstart,
            fend,
            text: String::new(),
            place: q,
            candidates: 1,
            role: Role::Incident,
            reason: format!(
                "the town the site «{}» is named after; {}",
                &folded[m.fstart..m.fend],
                m.reason
            ),
            confidence: m.confidence,
            sentence: m.sentence,
            trigger: None,
            hashtag: false,
            unlisted: false,
        });
    }
    out
}
