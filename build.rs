//! Precomputes the name index of the bundled gazetteer (`gazetteer/places.tsv`) so that loading
//! it at run time is parsing rows, not folding and hashing 40,000 names. The key functions are
//! the library's own (`src/gazetteer/keys.rs`, `src/text/normalize.rs`), compiled in here.
//!
//! Output in `OUT_DIR`: `names.txt`/`latin.txt` (sorted keys, concatenated) and `names.bin`/
//! `latin.bin` (little-endian u32: row count, key count, then per key the end of its text and of
//! its references, then the references).

#[allow(dead_code)]
#[path = "src/text/normalize.rs"]
mod normalize;

#[allow(dead_code)]
#[path = "src/gazetteer/keys.rs"]
mod keys;

use std::collections::BTreeMap;
use std::path::Path;

fn write_index(out: &Path, stem: &str, rows: u32, index: &BTreeMap<String, Vec<u32>>) {
    let mut text = String::new();
    let mut ends: Vec<u32> = Vec::new();
    let mut refs: Vec<u32> = Vec::new();
    for (key, r) in index {
        text.push_str(key);
        refs.extend_from_slice(r);
        ends.push(text.len() as u32);
        ends.push(refs.len() as u32);
    }
    let mut bin: Vec<u8> = Vec::new();
    for v in [rows, index.len() as u32]
        .into_iter()
        .chain(ends)
        .chain(refs)
    {
        bin.extend_from_slice(&v.to_le_bytes());
    }
    std::fs::write(out.join(format!("{stem}.txt")), text).expect("write index text");
    std::fs::write(out.join(format!("{stem}.bin")), bin).expect("write index data");
}

fn main() {
    println!("cargo:rerun-if-changed=gazetteer/places.tsv");
    println!("cargo:rerun-if-changed=src/gazetteer/keys.rs");
    println!("cargo:rerun-if-changed=src/text/normalize.rs");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let tsv = std::fs::read_to_string("gazetteer/places.tsv").expect("gazetteer/places.tsv");
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut latin: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let (mut ar, mut la) = (Vec::new(), Vec::new());
    let mut row = 0u32;
    // the same rows, in the same order, as `Gazetteer::from_tsv` (header first, blank lines skipped)
    for line in tsv.lines().skip(1).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            // from_tsv reports the line; the index is simply not built past it
            break;
        }
        keys::arabic_keys(
            std::iter::once(f[4]).chain(keys::split_variants(f[6])),
            &mut ar,
        );
        for (k, article, canonical) in ar.drain(..) {
            let packed = row << 2 | u32::from(article) << 1 | u32::from(canonical);
            names.entry(k).or_default().push(packed);
        }
        keys::latin_keys(
            std::iter::once(f[5]).chain(keys::split_variants(f[7])),
            &mut la,
        );
        for k in la.drain(..) {
            latin.entry(k).or_default().push(row);
        }
        row += 1;
    }
    write_index(&out, "names", row, &names);
    write_index(&out, "latin", row, &latin);
}
