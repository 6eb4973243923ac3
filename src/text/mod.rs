//! Text stage: Arabic normalisation with offsets, tokens, number words, date expressions.

pub mod normalize;

pub use normalize::{fold, fold_char, fold_latin, normalize, NormText};
pub mod dates;
pub mod words;
