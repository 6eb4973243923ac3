//! The one Arabic normalisation shared by the gazetteer and by text matching.
//!
//! Folding is done character by character so that every byte of the folded text can be mapped
//! back to the byte in the original it came from: a mention found in folded text is always
//! reported with the span the user wrote.
//!
//! | input | output | why |
//! |---|---|---|
//! | harakat U+064B–U+065F, U+0610–U+061A, U+0670, Quranic marks U+06D6–U+06ED | removed | writers add them inconsistently |
//! | tatweel U+0640 | removed | decorative stretching |
//! | أ إ آ ٱ | ا | hamza on alef is often omitted |
//! | ؤ | و, ئ → ي | same |
//! | ة | ه | ta marbuta is written as ha in informal text |
//! | ى | ي | alef maqsura / ya are confused |
//! | Persian/Urdu ی ک ھ ە ۀ | ي ك ه ه ه | keyboard variants |
//! | Eastern-Arabic ٠–٩ and Persian ۰–۹ digits | 0–9 | one digit system for numbers and dates |
//! | U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF, U+061C, U+00AD | removed | invisible bidi and joiner marks |
//! | `_` | space | hashtags join words with underscores (`#جسر_الحج`) |
//! | any run of white space | one space | names split over double spaces or line breaks |
//! | ASCII A–Z | a–z | Latin names compare case-blind |
//! | presentation forms U+FE80–U+FEF4, lam–alef U+FEF5–U+FEFC; shaped harakat U+FE70–U+FE7F | the letters (as NFKC), «لا»; removed | old PDFs and some posts are written in shaped letters |

/// Folded text plus, for each folded byte, the byte offset in the original it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormText {
    /// The folded text.
    pub folded: String,
    /// `map[i]` is the original byte offset of folded byte `i`; `map[folded.len()]` is the
    /// original length, so a folded span `a..b` maps to `map[a]..end_of(b)`.
    map: Vec<u32>,
    /// Original byte offset just past the character each folded byte came from.
    map_end: Vec<u32>,
}

impl NormText {
    /// Original byte span of a folded byte span.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map[start] as usize;
        let e = if end == 0 {
            s
        } else {
            self.map_end[end - 1] as usize
        };
        (s, e.max(s))
    }
}

/// The letters behind the Arabic presentation forms U+FE80–U+FEF4 (isolated, final, initial
/// and medial shapes, in code-point order), as NFKC gives them: old PDFs and some posts are
/// written in these shapes.
const PRESENTATION_B: &str = "ءآآأأؤؤإإئئئئااببببةةتتتتثثثثججججححححخخخخددذذررززسسسسششششصصصصضضضضططططظظظظععععغغغغففففققققككككللللممممننننههههووىىيييي";

/// The lam–alef ligatures U+FEF5–U+FEFC: two letters, «لا».
fn is_lam_alef(c: char) -> bool {
    ('\u{FEF5}'..='\u{FEFC}').contains(&c)
}

/// Fold one character: `None` drops it, `Some(c)` replaces it.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    // (most characters of a report pass unchanged: plain Arabic letters, lower-case Latin,
    // digits and spaces; decided before the table below)
    if matches!(
        c,
        '\u{0621}'
            | '\u{0627}'
            | '\u{0628}'
            | '\u{062A}'..='\u{063A}'
            | '\u{0641}'..='\u{0648}'
            | '\u{064A}'
            | 'a'..='z'
            | '0'..='9'
            | ' '
    ) {
        return Some(c);
    }
    Some(match c {
        // shaped forms: the harakat are dropped, the letters folded as the letters
        '\u{FE70}'..='\u{FE7F}' => return None,
        '\u{FE80}'..='\u{FEF4}' => {
            let i = c as usize - 0xFE80;
            return PRESENTATION_B.chars().nth(i).and_then(fold_char);
        }
        '\u{064B}'..='\u{065F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' => return None,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ة' => 'ه',
        'ى' | 'ی' | 'ې' => 'ي',
        'ک' => 'ك',
        'ھ' | 'ە' | 'ۀ' => 'ه',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '_' => ' ',
        'A'..='Z' => c.to_ascii_lowercase(),
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Fold a string (no offset map): used for gazetteer names and user queries.
///
/// ```
/// use athar::text::fold;
/// assert_eq!(fold("حَيّ  الصّاخور"), "حي الصاخور");
/// assert_eq!(fold("#جسر_الحج"), "#جسر الحج");
/// assert_eq!(fold("مدرسة إبتدائية ٣"), "مدرسه ابتداييه 3");
/// ```
pub fn fold(s: &str) -> String {
    // the same folding as `normalize`, without the offset map (names, queries: hot at load)
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        if is_lam_alef(c) {
            out.push_str("لا");
            last_space = false;
            continue;
        }
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(f);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Fold a text and keep the map back to original byte offsets.
pub fn normalize(s: &str) -> NormText {
    let mut folded = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut map_end = Vec::with_capacity(s.len());
    let mut last_space = false;
    for (i, c) in s.char_indices() {
        if is_lam_alef(c) {
            // two folded letters from one original character
            folded.push_str("لا");
            for _ in 0.."لا".len() {
                map.push(i as u32);
                map_end.push((i + c.len_utf8()) as u32);
            }
            last_space = false;
            continue;
        }
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' {
            if last_space {
                // extend the previous space so the span covers the whole run
                if let Some(e) = map_end.last_mut() {
                    *e = (i + c.len_utf8()) as u32;
                }
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        let n = f.len_utf8();
        folded.push(f);
        for _ in 0..n {
            map.push(i as u32);
            map_end.push((i + c.len_utf8()) as u32);
        }
    }
    map.push(s.len() as u32);
    NormText {
        folded,
        map,
        map_end,
    }
}

/// Fold a Latin name for lookup: lower case, no diacritics, no apostrophes, hyphens or `al-`.
///
/// ```
/// use athar::text::fold_latin;
/// assert_eq!(fold_latin("as-Sakhour"), "sakhour");
/// assert_eq!(fold_latin("Al-'Aziziyeh"), "aziziyeh");
/// ```
pub fn fold_latin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let c = match c {
            'á' | 'à' | 'â' | 'ā' | 'ä' | 'Á' | 'Ā' => 'a',
            'é' | 'è' | 'ê' | 'ē' | 'ë' | 'É' | 'Ē' => 'e',
            'í' | 'ì' | 'î' | 'ī' | 'ï' | 'Ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ō' | 'ö' | 'Ō' => 'o',
            'ú' | 'ù' | 'û' | 'ū' | 'ü' | 'Ū' => 'u',
            'ḥ' | 'Ḥ' => 'h',
            'ṣ' | 'Ṣ' | 'š' | 'Š' | 'ş' | 'Ş' => 's',
            'ṭ' | 'Ṭ' | 'ţ' | 'Ţ' => 't',
            'ḍ' | 'Ḍ' => 'd',
            'ẓ' | 'Ẓ' => 'z',
            'ç' => 'c',
            '\'' | '’' | '‘' | 'ʿ' | 'ʾ' | '`' | 'ʼ' => continue,
            '-' | '_' | '.' | ',' | '(' | ')' => ' ',
            c => c.to_lowercase().next().unwrap_or(c),
        };
        out.push(c);
    }
    let mut res = String::with_capacity(out.len());
    let mut words = out.split_whitespace().peekable();
    while let Some(w) = words.next() {
        // drop the article: "al", "el", "as", "ash", "ad", "ar", "az", "at", "an" before a word
        let is_article = matches!(
            w,
            "al" | "el" | "as" | "ash" | "ad" | "ar" | "az" | "at" | "an" | "ad-" | "ath" | "adh"
        );
        if is_article && words.peek().is_some() {
            continue;
        }
        if !res.is_empty() {
            res.push(' ');
        }
        res.push_str(w);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        let rows: &[(&str, &str)] = &[
            ("أرض الحمراء", "ارض الحمراء"),
            ("إدلب", "ادلب"),
            ("آل", "ال"),
            ("مدينة", "مدينه"),
            ("مستشفى", "مستشفي"),
            ("حلـــب", "حلب"),
            ("حَلَب", "حلب"),
            ("\u{200F}حلب\u{202B}", "حلب"),
            ("٣٠/٥/٢٠١٥", "30/5/2015"),
            ("۱۲", "12"),
            ("#جسر_الحج", "#جسر الحج"),
            ("کرد", "كرد"),
            ("بستان   القصر", "بستان القصر"),
            ("بستان\nالقصر", "بستان القصر"),
            ("مسؤول", "مسوول"),
            ("Aleppo", "aleppo"),
            // presentation forms (old PDFs, some posts): «قوات حفظ السلام», «ﻻ» = «لا»
            ("ﻗﻮﺍﺕ ﺣﻔﻆ ﺍﻟﺴﻼﻡ", "قوات حفظ السلام"),
            ("ﺇﺩﻟﺐ", "ادلب"),
            ("ﻣﺪﻳﻨﺔ ﺣﻠﺐ", "مدينه حلب"),
            ("ﻻ ﻹ", "لا لا"),
            ("ﹰﺏ", "ب"),
        ];
        for (input, want) in rows {
            assert_eq!(fold(input), *want, "input {input:?}");
            assert_eq!(normalize(input).folded, *want, "input {input:?}");
        }
    }

    /// The quick path for common characters gives what the table gives.
    #[test]
    fn common_characters_pass_as_the_table_says() {
        for c in ('\u{0}'..='\u{07FF}').chain(['\u{200B}', '\u{FEFF}', 'ـ']) {
            let slow = match c {
                '\u{064B}'..='\u{065F}'
                | '\u{0610}'..='\u{061A}'
                | '\u{0670}'
                | '\u{06D6}'..='\u{06ED}'
                | '\u{0640}'
                | '\u{200B}'
                | '\u{FEFF}'
                | '\u{061C}'
                | '\u{00AD}' => None,
                'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
                'ؤ' => Some('و'),
                'ئ' => Some('ي'),
                'ة' => Some('ه'),
                'ى' | 'ی' | 'ې' => Some('ي'),
                'ک' => Some('ك'),
                'ھ' | 'ە' | 'ۀ' => Some('ه'),
                '٠'..='٩' => Some(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
                '۰'..='۹' => Some(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
                '_' => Some(' '),
                'A'..='Z' => Some(c.to_ascii_lowercase()),
                c if c.is_whitespace() => Some(' '),
                c => Some(c),
            };
            assert_eq!(fold_char(c), slow, "{c:?}");
        }
    }

    /// Every shaped letter folds as NFKC's letter would.
    #[test]
    fn presentation_forms_are_letters() {
        for (i, base) in PRESENTATION_B.chars().enumerate() {
            let shaped = char::from_u32(0xFE80 + i as u32).unwrap();
            assert_eq!(fold_char(shaped), fold_char(base), "{shaped:?}");
        }
        assert_eq!(PRESENTATION_B.chars().count(), 0xFEF4 - 0xFE80 + 1);
    }

    #[test]
    fn a_ligature_maps_back_to_its_character() {
        let s = "ﺍﻟﺴﻼﻡ";
        let n = normalize(s);
        assert_eq!(n.folded, "السلام");
        let at = n.folded.find("لا").unwrap();
        let (a, b) = n.original_span(at, at + "لا".len());
        assert_eq!(&s[a..b], "ﻼ");
    }

    #[test]
    fn fold_is_idempotent_on_table() {
        for s in ["أرض الحمراء", "#جسر_الحج  x", "حلـــب ٣"] {
            let once = fold(s);
            assert_eq!(fold(&once), once);
        }
    }

    #[test]
    fn spans_map_back() {
        let s = "في حيّ \u{200F}الصّاخور  اليوم";
        let n = normalize(s);
        let at = n.folded.find("الصاخور").unwrap();
        let (a, b) = n.original_span(at, at + "الصاخور".len());
        assert_eq!(&s[a..b], "الصّاخور");
    }

    #[test]
    fn latin() {
        assert_eq!(fold_latin("Bustan al-Qasr"), "bustan qasr");
        assert_eq!(fold_latin("Ḥanano"), "hanano");
        assert_eq!(fold_latin("Al"), "al");
    }
}
