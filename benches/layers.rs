//! Layer writers: criterion runs on 10 k incidents per format, then a one-shot run writing
//! 1 M synthetic incidents (`ATHAR_BENCH_N` to change) to GeoJSON, GeoJSON text sequence, CSV
//! and GeoPackage, printed as seconds and MB/s beside GDAL's `ogr2ogr` converting the same
//! GeoJSON (tools/peers/bench_ogr.sh; skipped with a note when GDAL is missing, or with
//! `ATHAR_BENCH_PEER=0`). `cargo bench --bench layers -- none` skips the criterion part.
//!
//! `cargo bench --bench layers`

use athar::incident::{Claim, Incident, Qualifier};
use athar::layers::{
    incidents_acled_layer, incidents_layer, write_csv, write_geojson, write_geojson_seq,
    write_gpkg, write_gpkg_with, Layer,
};
use criterion::{BenchmarkId, Criterion, Throughput};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const EVENTS: [&str; 6] = [
    "airstrike",
    "barrel_bomb",
    "shelling",
    "rocket",
    "cluster_munition",
    "unspecified_attack",
];
const PLACES: [&str; 5] = ["الصاخور", "هنانو", "الشعار", "بستان القصر", "طريق الباب"];

/// Deterministic synthetic incidents around Aleppo (a 64-bit LCG; no dependency).
fn synthetic(n: usize) -> Vec<Incident> {
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|k| {
            let p = PLACES[k % PLACES.len()];
            let killed = (next() * 30.0) as u64;
            let day = 1 + (next() * 27.0) as u32;
            Incident {
                id: format!("doc{}-{}", k / 3, k % 3),
                doc: format!("doc{}", k / 3),
                place_mention: format!("حي {p}"),
                place_name: p.into(),
                place_name_en: "al-Sakhour".into(),
                place_id: format!("SY02-nb-{}", k % PLACES.len()),
                place_kind: "neighbourhood".into(),
                admin1: Some("حلب".into()),
                admin2: Some("جبل سمعان".into()),
                country: "Syria".into(),
                lon: 37.10 + next() * 0.15,
                lat: 36.15 + next() * 0.12,
                geo_precision: 1,
                event_type: EVENTS[k % EVENTS.len()].into(),
                sub_event_type: "Air/drone strike".into(),
                weapon: Some("براميل متفجرة".into()),
                target: (k % 4 == 0).then(|| "market".into()),
                actor1: Some("الطيران الروسي".into()),
                actor1_norm: Some("Russian aviation".into()),
                date: Some(format!("2016-09-{day:02}")),
                date_text: Some("صباح اليوم".into()),
                time_precision: 1,
                killed: Some(killed),
                killed_low: Some(killed),
                killed_high: Some(killed + 3),
                killed_claims: vec![Claim {
                    value: Some(killed),
                    qualifier: Qualifier::AtLeast,
                    source: "المرصد السوري لحقوق الإنسان".into(),
                    text: format!("{killed} قتلى على الأقل"),
                }],
                wounded: None,
                wounded_low: None,
                wounded_high: None,
                wounded_claims: vec![],
                casualty_scope: "place".into(),
                mention_start: 14,
                mention_end: 22,
                snippet: format!("قتل مدنيون بغارات جوية استهدفت حي {p} في مدينة حلب صباح اليوم"),
                reason: "cue:غارة".into(),
                confidence: 0.86,
                sources: 1,
                cluster_id: Some((k / 50) as i64),
            }
        })
        .collect()
}

type WriteFn = fn(&Path, &Layer) -> athar::Result<()>;

fn writers() -> [(&'static str, &'static str, WriteFn); 5] {
    [
        ("geojson", "incidents.geojson", write_geojson),
        ("geojsons", "incidents.geojsons", write_geojson_seq),
        ("csv", "incidents.csv", |p, l| write_csv(p, l).map(|_| ())),
        ("gpkg", "athar.gpkg", |p, l| write_gpkg(p, &[l])),
        ("gpkg-noidx", "noidx.gpkg", |p, l| {
            write_gpkg_with(p, &[l], false)
        }),
    ]
}

fn criterion_10k(c: &mut Criterion, dir: &Path) {
    let inc = synthetic(10_000);
    let layer = incidents_layer(&inc);
    let acled = incidents_acled_layer(&inc);
    let mut g = c.benchmark_group("write_10k_incidents");
    g.sample_size(10);
    for (name, file, f) in writers() {
        let l = if name == "csv" { &acled } else { &layer };
        let path = dir.join(file);
        if let Err(e) = f(&path, l) {
            eprintln!("bench: {e}");
            return;
        }
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        g.throughput(Throughput::Bytes(bytes));
        g.bench_with_input(BenchmarkId::from_parameter(name), l, |b, l| {
            b.iter(|| f(&path, l))
        });
    }
    g.finish();
}

fn one_shot(dir: &Path, n: usize) {
    println!("\none-shot: {n} incidents");
    let t = Instant::now();
    let inc = synthetic(n);
    let gen = t.elapsed().as_secs_f64();
    println!("  synthetic incidents {gen:.2} s");
    println!(
        "  {:<13} {:>9} {:>10} {:>8}",
        "format", "seconds", "MB", "MB/s"
    );
    // One layer in memory at a time: the GeoJSON/GeoPackage layer, then the ACLED one.
    for acled in [false, true] {
        let t = Instant::now();
        let layer = if acled {
            incidents_acled_layer(&inc)
        } else {
            incidents_layer(&inc)
        };
        println!(
            "  build {:<7} {:>9.2}",
            if acled { "acled" } else { "layer" },
            t.elapsed().as_secs_f64()
        );
        for (name, file, f) in writers() {
            if (name == "csv") != acled {
                continue;
            }
            let path = dir.join(file);
            let t = Instant::now();
            if let Err(e) = f(&path, &layer) {
                eprintln!("bench: {e}");
                return;
            }
            let s = t.elapsed().as_secs_f64();
            let mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
            println!("  athar {name:<10} {s:>9.2} {mb:>10.1} {:>8.1}", mb / s);
        }
    }
    drop(inc);
    if std::env::var("ATHAR_BENCH_PEER").is_ok_and(|v| v == "0") {
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/peers/bench_ogr.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(dir.join("incidents.geojson"))
        .arg(dir.join("peer"))
        .args(peer_formats(n))
        .output();
    match out {
        Ok(o) if o.status.success() => {
            for line in String::from_utf8_lossy(&o.stdout).lines() {
                let v: Vec<&str> = line.split_whitespace().collect();
                if let [_, fmt, s, bytes] = v[..] {
                    let s: f64 = s.parse().unwrap_or(f64::NAN);
                    let mb = bytes.parse::<f64>().unwrap_or(f64::NAN) / 1e6;
                    let what = if fmt == "read" {
                        "(GDAL reading the GeoJSON only)".to_string()
                    } else {
                        format!("(GeoJSON → {fmt}, includes reading)")
                    };
                    println!(
                        "  {:<7} {fmt:<10} {s:>7.2} {mb:>10.1} {:>8.1}   {what}",
                        v[0],
                        mb / s
                    );
                }
            }
        }
        Ok(o) => println!(
            "  peer skipped: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(e) => println!("  peer skipped: {e}"),
    }
}

/// ogr2ogr needs ~80 s per format at 1 M features: only GeoPackage (the format QGIS users
/// prefer) at that size, all three below 200 k.
fn peer_formats(n: usize) -> Vec<&'static str> {
    if n > 200_000 {
        vec!["GPKG"]
    } else {
        vec!["GPKG", "CSV", "GeoJSONSeq"]
    }
}

fn main() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bench: no temp dir: {e}");
            return;
        }
    };
    let mut c = Criterion::default().configure_from_args();
    criterion_10k(&mut c, dir.path());
    c.final_summary();
    let n = std::env::var("ATHAR_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    one_shot(dir.path(), n);
}
