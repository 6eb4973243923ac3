//! Property tests and a bounded fuzz-style run over the library (stable Rust, fixed seeds).

use athar::gazetteer::Gazetteer;
use athar::geoparse::Matcher;
use athar::incident::{extract, Document, Incident};
use athar::text::{fold, normalize};
use proptest::prelude::*;

/// Characters that stress the text stage: Arabic letters and clitics, hamza forms, diacritics,
/// tatweel, Eastern digits, bidi and zero-width marks, punctuation, Latin, spaces, newlines.
fn arabicish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "حي",
        "الصاخور",
        "بالصاخور",
        "#جسر_الحج",
        "حلب",
        "غارة",
        "قصف",
        "برميل",
        "53",
        "٣٠/٥/٢٠١٥",
        "أمس",
        "السبت",
        "قتل",
        "شهيد",
        "على الأقل",
        "و",
        "ب",
        "ال",
        "ة",
        "ى",
        "أ",
        "إ",
        "آ",
        "ـ",
        "\u{064E}",
        "\u{0651}",
        "\u{200F}",
        "\u{202B}",
        "\u{FEFF}",
        "\u{200B}",
        " ",
        "  ",
        "\n",
        "\r\n",
        ".",
        "،",
        ":",
        "-",
        "(",
        ")",
        "x",
        "Aleppo",
        "<img src=x onerror=alert(1)>",
        "</script>",
        "مدينة",
        "بريف",
        "إدلب",
        "ومقره",
        "بريطانيا",
        "عدد القتلى",
        "أكثر من",
        "مئة",
        "😀",
        "\u{0}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn fold_is_idempotent(s in arabicish()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once);
    }

    #[test]
    fn folded_spans_map_to_char_boundaries(s in arabicish()) {
        let n = normalize(&s);
        for (i, _) in n.folded.char_indices() {
            for j in [i + 1, n.folded.len()] {
                if j > n.folded.len() || !n.folded.is_char_boundary(j) {
                    continue;
                }
                let (a, b) = n.original_span(i, j);
                prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b) && a <= b);
            }
        }
    }

    #[test]
    fn extract_never_panics_and_offsets_slice_back(s in arabicish()) {
        let doc = Document { id: "p".into(), text: s.clone(), published: None };
        let x = extract(&doc, Gazetteer::bundled(), Matcher::bundled());
        let chars: Vec<char> = s.chars().collect();
        for i in &x.incidents {
            let got: String = chars[i.mention_start..i.mention_end].iter().collect();
            prop_assert_eq!(got, i.place_mention.clone());
        }
        for p in &x.places {
            let got: String = chars[p.mention_start..p.mention_end].iter().collect();
            prop_assert_eq!(got, p.place_mention.clone());
        }
    }

    #[test]
    fn incidents_round_trip_through_geojson(s in arabicish(), k in 0u64..1000, lon in -180.0f64..180.0, lat in -90.0f64..90.0) {
        let doc = Document { id: "r".into(), text: format!("غارة جوية على حي الصاخور في حلب قتل {k} شخصا {s}"), published: None };
        let x = extract(&doc, Gazetteer::bundled(), Matcher::bundled());
        for mut i in x.incidents {
            i.lon = (lon * 1e7).round() / 1e7;
            i.lat = (lat * 1e7).round() / 1e7;
            i.confidence = (i.confidence * 100.0).round() / 100.0;
            let back = Incident::from_feature(&i.to_feature()).unwrap();
            prop_assert_eq!(back, i);
        }
    }

    /// The writers' direct serialiser gives the bytes of the JSON-tree one, for any incident
    /// and place record (a field added to one and not the other fails here).
    #[test]
    fn direct_feature_writer_matches_json_tree(s in arabicish(), k in 0u64..1000, lon in -180.0f64..180.0, lat in -90.0f64..90.0, c in 0.0f64..1.0, cl in proptest::option::of(-1i64..50)) {
        let doc = Document { id: "w".into(), text: format!("قتل {k} مدنيين بغارة جوية على حي الصاخور في حلب أمس {s}"), published: chrono::NaiveDate::from_ymd_opt(2016, 9, 25) };
        let x = extract(&doc, Gazetteer::bundled(), Matcher::bundled());
        for mut i in x.incidents {
            i.lon = lon;
            i.lat = lat;
            i.confidence = c;
            i.cluster_id = cl;
            i.weapon = None;
            let mut direct = Vec::new();
            i.write_feature(&mut direct).unwrap();
            prop_assert_eq!(String::from_utf8(direct).unwrap(), serde_json::to_string(&i.to_feature()).unwrap());
        }
        for mut p in x.places {
            p.lon = lon;
            p.confidence = c;
            let mut direct = Vec::new();
            p.write_feature(&mut direct).unwrap();
            prop_assert_eq!(String::from_utf8(direct).unwrap(), serde_json::to_string(&p.to_feature()).unwrap());
        }
    }
}

/// Bounded fuzzing: seeded byte and character mutations of the dev texts (read from ../shared),
/// through the extractor and through the JSONL reader. Fixed seed, fixed count: repeatable.
#[test]
fn fuzz_extract_and_reader_with_mutated_dev_texts() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev/docs.jsonl");
    let raw = std::fs::read_to_string(&path).expect("dev corpus");
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let inserts = [
        "\u{200F}", "ـ", "#", "_", "٣", "\n", "\u{0}", "ال", "و", "\u{FFFD}", "  ",
    ];
    let (g, m) = (Gazetteer::bundled(), Matcher::bundled());
    let dir = tempfile::tempdir().unwrap();
    for round in 0..300 {
        let base = &texts[(next() as usize) % texts.len()];
        let mut chars: Vec<char> = base.chars().collect();
        for _ in 0..(1 + next() % 12) {
            if chars.is_empty() {
                break;
            }
            let at = (next() as usize) % chars.len();
            match next() % 4 {
                0 => {
                    chars.remove(at);
                }
                1 => {
                    let s = inserts[(next() as usize) % inserts.len()];
                    for (k, c) in s.chars().enumerate() {
                        chars.insert(at + k, c);
                    }
                }
                2 => chars.truncate(at),
                _ => {
                    let b = (next() as usize) % chars.len();
                    chars.swap(at, b);
                }
            }
        }
        let text: String = chars.into_iter().collect();
        let doc = Document {
            id: format!("f{round}"),
            text: text.clone(),
            published: None,
        };
        let _ = extract(&doc, g, m);
        // the same text as a (possibly broken) JSONL line, with raw bytes cut at random
        let mut bytes = serde_json::json!({"id": round, "text": text})
            .to_string()
            .into_bytes();
        if next() % 3 == 0 && !bytes.is_empty() {
            bytes.truncate((next() as usize) % bytes.len());
        }
        let f = dir.path().join(format!("f{round}.jsonl"));
        std::fs::write(&f, &bytes).unwrap();
        let items: Vec<_> = athar::io::input::Reader::new(&[f], Default::default()).collect();
        assert!(!items.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()));
    }
}
