//! Text stage: Arabic normalisation with offsets, tokens, number words, date expressions.

pub mod normalize;

pub use normalize::{fold, fold_char, fold_latin, normalize, NormText};
pub mod dates;
pub mod words;

/// `c.is_alphabetic()`, answered without the Unicode table for ASCII and the common Arabic
/// letters (it is asked for nearly every character of every report).
///
/// ```
/// use athar::text::is_letter;
/// assert!(is_letter('ح') && is_letter('a') && is_letter('é'));
/// assert!(!is_letter('3') && !is_letter('،') && !is_letter(' '));
/// ```
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        true
    } else {
        c.is_alphabetic()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{FEFF}', '\u{1F600}']) {
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{:?}", c);
        }
    }
}
