//! `athar extract`: reports in, incidents out (one per place where an attack landed).

use super::{GazetteerOpts, Outcome};
use crate::io::input::{parse_date, InputOptions};
use crate::io::write_atomic_with;
use crate::pipeline::{Extractor, Summary};
use crate::{Error, Result};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// GeoJSON text sequence (RFC 8142): one incident a line.
    Geojsonseq,
    /// One GeoJSON FeatureCollection.
    Geojson,
    /// CSV, one incident a row (lon/lat columns).
    Csv,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Reports: .txt files (id = file stem), JSONL files ({"id","text","published"} a line),
    /// folders of them, or - for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Geojsonseq)]
    pub format: ExtractFormat,
    /// Also write every place mention with its role (incident, region_context, …) to this
    /// GeoJSON file, for audit.
    #[arg(long, value_name = "FILE")]
    pub places: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub gaz: GazetteerOpts,
}

/// How reports are read, shared by `extract` and `map`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Publication date (YYYY-MM-DD) for plain-text input, to resolve «أمس», «اليوم».
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSONL field holding the text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSONL field holding the publication date.
    #[arg(long, default_value = "published")]
    pub date_field: String,
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(long)]
    pub threads: Option<usize>,
}

impl InputArgs {
    /// Validated reader options (and the thread pool set up).
    pub(crate) fn options(&self) -> Result<InputOptions> {
        set_threads(self.threads)?;
        input_options(
            &self.date,
            &self.id_field,
            &self.text_field,
            &self.date_field,
        )
    }
}

pub(crate) fn input_options(
    date: &Option<String>,
    id: &str,
    text: &str,
    date_field: &str,
) -> Result<InputOptions> {
    let date = match date {
        None => None,
        Some(s) => Some(
            parse_date(s)
                .ok_or_else(|| Error::usage(format!("--date {s:?} is not a date (YYYY-MM-DD)")))?,
        ),
    };
    Ok(InputOptions {
        id_field: id.into(),
        text_field: text.into(),
        date_field: date_field.into(),
        date,
    })
}

pub(crate) fn set_threads(n: Option<usize>) -> Result<()> {
    if let Some(n) = n {
        if n == 0 || n > 1024 {
            return Err(Error::usage(format!(
                "--threads {n}: give a number from 1 to 1024"
            )));
        }
        // a second call in the same process (tests) keeps the first pool: harmless
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    Ok(())
}

/// Quiet success on a closed pipe (`athar extract … | head -1`).
pub(crate) fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

pub(crate) fn print_summary(s: &Summary) {
    eprintln!(
        "athar: {} document(s) read, {} skipped, {} incident(s), {} place mention(s)",
        s.documents, s.skipped, s.incidents, s.places
    );
    let top = s.top_unresolved(10);
    if !top.is_empty() {
        let list: Vec<String> = top.iter().map(|(n, c)| format!("{n} ({c}×)")).collect();
        eprintln!(
            "athar: names after «حي/بلدة/قرية…» not in the gazetteer (add them with --gazetteer): {}",
            list.join("، ")
        );
    }
}

fn csv_header() -> Vec<&'static str> {
    vec![
        "id",
        "doc",
        "date",
        "event_type",
        "sub_event_type",
        "place_name",
        "place_name_en",
        "place_mention",
        "place_id",
        "place_kind",
        "admin1",
        "admin2",
        "country",
        "lon",
        "lat",
        "geo_precision",
        "time_precision",
        "weapon",
        "target",
        "actor1",
        "actor1_norm",
        "killed",
        "killed_low",
        "killed_high",
        "wounded",
        "wounded_low",
        "wounded_high",
        "casualty_scope",
        "killed_claims",
        "wounded_claims",
        "date_text",
        "mention_start",
        "mention_end",
        "confidence",
        "sources",
        "reason",
        "snippet",
    ]
}

fn csv_row(i: &crate::incident::Incident) -> Vec<String> {
    let p = i.properties();
    csv_header()
        .iter()
        .map(|k| match *k {
            "lon" => format!("{:.7}", i.lon),
            "lat" => format!("{:.7}", i.lat),
            k => match p.get(k) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
            },
        })
        .collect()
}

/// One CSV record as bytes (quoted as needed).
fn csv_line<I, T>(record: I) -> std::io::Result<Vec<u8>>
where
    I: IntoIterator<Item = T>,
    T: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(record)?;
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Where the output goes: stdout streams, a file is written atomically at the end.
enum Sink {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    Buffer(Vec<u8>),
}

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(b),
            Sink::Buffer(v) => v.write(b),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::Buffer(_) => Ok(()),
        }
    }
}

pub fn run(a: ExtractArgs) -> Result<Outcome> {
    let opts = a.input.options()?;
    if let Some(o) = &a.output {
        if o.is_dir() {
            return Err(Error::output(o, "it is a folder; give a file name"));
        }
    }
    let ex = Extractor::new(a.gaz.gazetteer.as_deref())?;
    let out_name = a
        .output
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "<stdout>".into());
    let mut sink = match &a.output {
        None => Sink::Stdout(std::io::BufWriter::new(std::io::stdout())),
        Some(_) => Sink::Buffer(Vec::new()),
    };
    let io_err = |e: std::io::Error| Error::output(Path::new(&out_name), e);
    let mut first = true;
    let mut places: Vec<serde_json::Value> = Vec::new();
    match a.format {
        ExtractFormat::Geojson => sink
            .write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")
            .map_err(io_err)?,
        ExtractFormat::Csv => sink
            .write_all(&csv_line(csv_header()).map_err(io_err)?)
            .map_err(io_err)?,
        ExtractFormat::Geojsonseq => {}
    }
    let res = ex.run(&a.inputs, opts, |x| {
        if a.places.is_some() {
            places.extend(x.places.iter().map(|p| p.to_feature()));
        }
        for i in &x.incidents {
            match a.format {
                ExtractFormat::Geojsonseq => {
                    sink.write_all(b"\x1e").map_err(io_err)?;
                    serde_json::to_writer(&mut sink, &i.to_feature())
                        .map_err(|e| Error::output(Path::new(&out_name), e))?;
                    sink.write_all(b"\n").map_err(io_err)?;
                }
                ExtractFormat::Geojson => {
                    if !first {
                        sink.write_all(b",\n").map_err(io_err)?;
                    }
                    serde_json::to_writer(&mut sink, &i.to_feature())
                        .map_err(|e| Error::output(Path::new(&out_name), e))?;
                }
                ExtractFormat::Csv => {
                    let line = csv_line(csv_row(i)).map_err(io_err)?;
                    sink.write_all(&line).map_err(io_err)?;
                }
            }
            first = false;
        }
        Ok(())
    });
    let summary = match res {
        Ok(s) => s,
        Err(Error::Output { msg, .. }) if msg.contains("Broken pipe") => return Ok(Outcome::Found),
        Err(e) => return Err(e),
    };
    let finish = (|| -> std::io::Result<()> {
        if a.format == ExtractFormat::Geojson {
            sink.write_all(b"\n]}\n")?;
        }
        sink.flush()
    })();
    match finish {
        Err(e) if is_broken_pipe(&e) => return Ok(Outcome::Found),
        Err(e) => return Err(io_err(e)),
        Ok(()) => {}
    }
    if summary.documents == 0 {
        // nothing read: keep any earlier output as it was
        print_summary(&summary);
        return Err(Error::usage(format!(
            "no document could be read from {}; nothing written",
            a.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if let (Some(path), Sink::Buffer(bytes)) = (&a.output, &sink) {
        write_atomic_with(path, |w| w.write_all(bytes))?;
    }
    if let Some(pp) = &a.places {
        let fc = serde_json::json!({"type": "FeatureCollection", "features": places});
        let s = serde_json::to_string(&fc).map_err(|e| Error::output(pp, e))?;
        write_atomic_with(pp, |w| w.write_all(s.as_bytes()))?;
    }
    print_summary(&summary);
    if summary.documents == 0 {
        return Err(Error::usage(format!(
            "no document could be read from {}",
            a.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(if summary.incidents == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
