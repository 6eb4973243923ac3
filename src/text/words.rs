//! Word lists compiled for lookup. The cue lexicons are matched as word prefixes («قصف» in
//! «قصفت»): testing each list entry against each word of every report is what made extraction
//! slow, so a list becomes a hash set plus the lengths its words have, and a word is checked by
//! looking up its few prefixes of those lengths.

use std::collections::HashSet;

type Set = HashSet<&'static str, foldhash::fast::FixedState>;

/// A list of words, looked up whole or as prefixes.
#[derive(Debug, Clone)]
pub struct WordList {
    set: Set,
    /// Distinct byte lengths of the words, ascending.
    lens: Vec<usize>,
}

impl WordList {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a &'static str>) -> WordList {
        let set: Set = words.into_iter().copied().collect();
        let mut lens: Vec<usize> = set.iter().map(|w| w.len()).collect();
        lens.sort_unstable();
        lens.dedup();
        WordList { set, lens }
    }

    /// Is `w` one of the words?
    pub fn contains(&self, w: &str) -> bool {
        self.set.contains(w)
    }

    /// Does `w` begin with one of the words, and is it at most `extra` bytes longer than that
    /// word? («قصف» begins «قصفت» with 2 extra bytes.)
    ///
    /// ```
    /// use athar::text::words::WordList;
    /// let l = WordList::new(&["قصف", "غاره"]);
    /// assert!(l.prefix_of("قصفت", 6));
    /// assert!(!l.prefix_of("قصفتهاااا", 6));
    /// assert!(!l.prefix_of("قص", 6));
    /// ```
    pub fn prefix_of(&self, w: &str, extra: usize) -> bool {
        let n = w.len();
        self.lens.iter().any(|&l| {
            l <= n && l + extra >= n && w.is_char_boundary(l) && self.set.contains(&w[..l])
        })
    }

    /// As [`WordList::prefix_of`], with the rest counted in characters, not bytes.
    pub fn prefix_of_chars(&self, w: &str, extra: usize) -> bool {
        let n = w.len();
        self.lens.iter().any(|&l| {
            l <= n
                && w.is_char_boundary(l)
                && w[l..].chars().nth(extra).is_none()
                && self.set.contains(&w[..l])
        })
    }
}

/// The questions whose answers [`remembered`] keeps, so that two questions about one list
/// are kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Asked {
    /// Is the word (clitics allowed) a cue of the list, as a prefix?
    Cue,
    /// Is one of the word's stems in the list?
    InList,
    /// Is the word, with clitics or the article, a casualty word of the list?
    Casualty,
    /// Is one of the word's stems a word for a building or facility?
    Site,
}

/// The answer `ask` gives about a word and a static list (named by its address and length).
/// Reports repeat their words, and each sentence is checked against the same lists for several
/// mentions and stages, so answers are kept, per thread, up to `MEMO_WORDS` words a question.
pub fn remembered(
    asked: Asked,
    list: usize,
    len: usize,
    w: &str,
    ask: impl FnOnce() -> bool,
) -> bool {
    const MEMO_WORDS: usize = 1 << 16;
    type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
    type Memo = Map<(Asked, usize, usize), Map<Box<str>, bool>>;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
    }
    MEMO.with_borrow_mut(|memo| {
        let words = memo.entry((asked, list, len)).or_default();
        if let Some(&hit) = words.get(w) {
            return hit;
        }
        let hit = ask();
        if words.len() >= MEMO_WORDS {
            words.clear();
        }
        words.insert(w.into(), hit);
        hit
    })
}

/// A list compiled once, on first use.
#[macro_export]
macro_rules! word_list {
    ($words:expr) => {{
        static L: std::sync::OnceLock<$crate::text::words::WordList> = std::sync::OnceLock::new();
        L.get_or_init(|| $crate::text::words::WordList::new($words.iter()))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same answers as testing every entry of the list against the word.
    #[test]
    fn prefix_of_agrees_with_a_scan() {
        let list: &[&'static str] = &["قتل", "قتلي", "شهيد", "استشهاد", "ضحيه", "جرح"];
        let l = WordList::new(list);
        for w in [
            "قتل",
            "قتلى",
            "قتلي",
            "قتلوا",
            "قتلتهمممم",
            "شهيدا",
            "الشهيد",
            "استشهادهم",
            "ق",
            "",
            "جرحي",
            "جريح",
            "ضحيتها",
            "ضحيه",
        ] {
            for extra in [0, 2, 6, 8] {
                let scan = list
                    .iter()
                    .any(|c| w.len() >= c.len() && w.len() <= c.len() + extra && w.starts_with(c));
                assert_eq!(l.prefix_of(w, extra), scan, "{w} {extra}");
            }
            assert_eq!(l.contains(w), list.contains(&w), "{w}");
        }
    }
}
