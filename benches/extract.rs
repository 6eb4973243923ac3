//! Text stages and the gazetteer, per megabyte of the dev corpus (read from ../shared at bench
//! time, never copied): normalisation, place matching, whole-document extraction, gazetteer
//! load and lookup. The peer side (Python) is `tools/peers/bench_text.py`, run in the same
//! session; BENCHMARKS.md has the figures and ratios.

use athar::gazetteer::Gazetteer;
use athar::geoparse::{tokenize, Matcher};
use athar::incident::{extract, Document};
use athar::text::normalize;
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn dev_docs() -> Vec<Document> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev/docs.jsonl");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| Document {
            id: v["id"].as_str().unwrap_or_default().to_string(),
            text: v["text"].as_str().unwrap_or_default().to_string(),
            published: v["published"]
                .as_str()
                .and_then(athar::io::input::parse_date),
        })
        .collect()
}

fn text_stages(c: &mut Criterion) {
    let docs = dev_docs();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let gaz = Gazetteer::bundled();
    let matcher = Matcher::bundled();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("normalise", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(normalize(&d.text));
            }
        })
    });
    g.bench_function("match_places", |b| {
        b.iter(|| {
            for d in &docs {
                let n = normalize(&d.text);
                let t = tokenize(&n.folded);
                black_box(matcher.find(&n.folded, &t, gaz));
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(extract(d, gaz, matcher));
            }
        })
    });
    g.finish();
}

fn gazetteer(c: &mut Criterion) {
    let tsv =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer/places.tsv"))
            .expect("gazetteer/places.tsv");
    let mut g = c.benchmark_group("gazetteer");
    g.sample_size(10);
    // the parsed gazetteer lives for the whole run, so freeing it is not part of loading
    g.bench_function("load", |b| b.iter_with_large_drop(Gazetteer::parse_bundled));
    // the path a user's overlay takes: every name folded and indexed at run time
    g.bench_function("load_and_index_at_run_time", |b| {
        b.iter_with_large_drop(|| Gazetteer::from_tsv(&tsv, Path::new("places.tsv")))
    });
    let gz = Gazetteer::bundled();
    g.bench_function("lookup", |b| {
        let names = [
            "حي الصاخور",
            "بالصاخور",
            "هنانو",
            "بريطانيا",
            "Sakhour",
            "الحميدية",
        ];
        b.iter(|| {
            for n in names {
                black_box(gz.lookup(n).len());
            }
        })
    });
    g.bench_function("build_matcher", |b| b.iter(|| black_box(Matcher::new(gz))));
    g.finish();
}

criterion_group!(benches, text_stages, gazetteer);
criterion_main!(benches);
