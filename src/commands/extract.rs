//! `athar extract`: reports in, incidents out (one per place where an attack landed).

use super::{GazetteerOpts, Outcome};
use crate::io::atomic::AtomicFile;
use crate::io::input::{parse_date, InputOptions};
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

/// Where the output goes: stdout, or a file streamed into a temp file and renamed over the
/// target at the end (memory stays flat however large the output).
enum Sink {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File(AtomicFile),
}

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(b),
            Sink::File(f) => f.write(b),
        }
    }
    fn write_all(&mut self, b: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(b),
            Sink::File(f) => f.write_all(b),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(f) => f.flush(),
        }
    }
}

/// One document's output, serialised in a worker thread: the incidents in the chosen
/// format (each GeoJSON feature after a `,\n` separator, dropped before the first one) and the
/// place mentions (each after a `,`).
struct Rendered {
    incidents: Vec<u8>,
    places: Vec<u8>,
}

fn render(
    x: &crate::incident::Extraction,
    format: ExtractFormat,
    places: bool,
) -> std::io::Result<Rendered> {
    let mut out = Vec::new();
    for i in &x.incidents {
        match format {
            ExtractFormat::Geojsonseq => {
                out.push(0x1e);
                i.write_feature(&mut out)?;
                out.push(b'\n');
            }
            ExtractFormat::Geojson => {
                out.extend_from_slice(b",\n");
                i.write_feature(&mut out)?;
            }
            ExtractFormat::Csv => out.extend_from_slice(&csv_line(csv_row(i))?),
        }
    }
    let mut pl = Vec::new();
    if places {
        for p in &x.places {
            pl.push(b',');
            p.write_feature(&mut pl)?;
        }
    }
    Ok(Rendered {
        incidents: out,
        places: pl,
    })
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
        None => Sink::Stdout(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        )),
        Some(p) => Sink::File(AtomicFile::create(p)?),
    };
    let mut places = match &a.places {
        None => None,
        Some(p) => {
            let mut f = AtomicFile::create(p)?;
            f.write_all(b"{\"features\":[")
                .map_err(|e| Error::output(p, e))?;
            Some(f)
        }
    };
    let io_err = |e: std::io::Error| Error::output(Path::new(&out_name), e);
    let places_err = |e: std::io::Error| match &a.places {
        Some(p) => Error::output(p, e),
        None => io_err(e),
    };
    let mut first = true;
    let mut first_place = true;
    match a.format {
        ExtractFormat::Geojson => sink
            .write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")
            .map_err(io_err)?,
        ExtractFormat::Csv => sink
            .write_all(&csv_line(csv_header()).map_err(io_err)?)
            .map_err(io_err)?,
        ExtractFormat::Geojsonseq => {}
    }
    let format = a.format;
    let want_places = places.is_some();
    let res = ex.run_rendered(
        &a.inputs,
        opts,
        |x| render(x, format, want_places),
        |_, r| {
            let r = r.map_err(io_err)?;
            let mut bytes = &r.incidents[..];
            if format == ExtractFormat::Geojson && first && !bytes.is_empty() {
                bytes = &bytes[2..];
            }
            if !bytes.is_empty() {
                first = false;
            }
            sink.write_all(bytes).map_err(io_err)?;
            if let Some(f) = &mut places {
                let mut b = &r.places[..];
                if first_place && !b.is_empty() {
                    b = &b[1..];
                    first_place = false;
                }
                f.write_all(b).map_err(places_err)?;
            }
            Ok(())
        },
    );
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
    if let Sink::File(f) = sink {
        f.commit()?;
    }
    if let (Some(mut f), Some(p)) = (places, &a.places) {
        f.write_all(b"],\"type\":\"FeatureCollection\"}")
            .map_err(|e| Error::output(p, e))?;
        f.commit()?;
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
