//! Reading documents: `.txt` files (id = file stem), JSONL (one `{"id","text","published"}` a
//! line), folders of both, and `-` for standard input. Streaming: one document at a time, so
//! memory does not grow with the number of documents. A document that cannot be read is
//! reported with its file and line, and the others go on.

use crate::incident::Document;
use chrono::NaiveDate;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Field names of JSONL input, and the date for plain text.
#[derive(Debug, Clone)]
pub struct InputOptions {
    pub id_field: String,
    pub text_field: String,
    pub date_field: String,
    /// Publication date for plain-text documents (and JSONL lines without one).
    pub date: Option<NaiveDate>,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            id_field: "id".into(),
            text_field: "text".into(),
            date_field: "published".into(),
            date: None,
        }
    }
}

/// A problem with one document or file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
    /// `false` for warnings (the document was still read).
    pub skipped: bool,
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// One item of the input stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Doc(Document),
    Problem(InputProblem),
}

/// Parse a date as written in a `published` field: `YYYY-MM-DD`, optionally followed by a time.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Expand inputs into files: folders are walked (sorted, `.txt`, `.jsonl`, `.ndjson`, `.json`).
fn expand(inputs: &[PathBuf], problems: &mut Vec<InputProblem>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => problems.push(InputProblem {
                path: p.display().to_string(),
                line: None,
                message: format!("cannot read: {}", io_msg(&e)),
                skipped: true,
            }),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                let before = problems.len();
                walk(p, &mut files, problems);
                files.sort();
                if files.is_empty() && problems.len() == before {
                    problems.push(InputProblem {
                        path: p.display().to_string(),
                        line: None,
                        message: "folder has no .txt or .jsonl files".into(),
                        skipped: true,
                    });
                }
                out.extend(files);
            }
            Ok(_) => out.push(p.clone()),
        }
    }
    out
}

fn io_msg(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<InputProblem>) {
    let mut seen = std::collections::BTreeSet::new();
    walk_in(dir, out, problems, &mut seen);
}

/// `seen` holds the canonical folders already walked, so a symlink loop is walked once.
fn walk_in(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<InputProblem>,
    seen: &mut std::collections::BTreeSet<PathBuf>,
) {
    if !seen.insert(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())) {
        return;
    }
    let rd = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            problems.push(InputProblem {
                path: dir.display().to_string(),
                line: None,
                message: format!("cannot list folder: {}", io_msg(&e)),
                skipped: true,
            });
            return;
        }
    };
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk_in(&p, out, problems, seen);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl" | "ndjson")
        ) {
            out.push(p);
        }
    }
}

fn is_jsonl(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson" | "json")
    )
}

/// A file with no telling extension (a shard from `split`, a pipe's dump) is JSONL when its
/// first line is a JSON object.
fn sniff_jsonl(path: &Path) -> bool {
    if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
    {
        return false;
    }
    let Ok(f) = File::open(path) else {
        return false;
    };
    let mut first = String::new();
    let mut r = BufReader::new(f).take(1 << 20);
    if r.read_line(&mut first).is_err() {
        return false;
    }
    let line = first.trim_start_matches('\u{feff}').trim();
    line.starts_with('{')
        && serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| v.is_object())
}

/// Streaming reader over all inputs.
pub struct Reader {
    files: std::vec::IntoIter<PathBuf>,
    pending: std::collections::VecDeque<Item>,
    current: Option<(String, Box<dyn BufRead>, usize)>,
    opts: InputOptions,
    /// 64-bit fingerprints of the ids seen, for duplicate warnings: 8 bytes a document instead
    /// of the id itself, so a million documents cost ~16 MB, not the ids' text.
    seen_ids: std::collections::HashSet<u64>,
}

impl Reader {
    pub fn new(inputs: &[PathBuf], opts: InputOptions) -> Reader {
        let mut problems = Vec::new();
        let files = expand(inputs, &mut problems);
        Reader {
            files: files.into_iter(),
            pending: problems.into_iter().map(Item::Problem).collect(),
            current: None,
            opts,
            seen_ids: Default::default(),
        }
    }

    fn problem(path: &str, line: Option<usize>, msg: impl Into<String>, skipped: bool) -> Item {
        Item::Problem(InputProblem {
            path: path.to_string(),
            line,
            message: msg.into(),
            skipped,
        })
    }

    /// A whole plain-text document.
    fn read_text(&mut self, path: &Path, mut r: Box<dyn Read>) {
        let name = path.display().to_string();
        let mut bytes = Vec::new();
        if let Err(e) = r.read_to_end(&mut bytes) {
            self.pending.push_back(Self::problem(
                &name,
                None,
                format!("cannot read: {}", io_msg(&e)),
                true,
            ));
            return;
        }
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            self.pending.push_back(Self::problem(
                &name,
                None,
                "the file is UTF-16; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)",
                true,
            ));
            return;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
                self.pending.push_back(Self::problem(
                    &name,
                    Some(line),
                    "not valid UTF-8 (is it a binary file, or another encoding?)",
                    true,
                ));
                return;
            }
        };
        let text = text.trim_start_matches('\u{feff}');
        if text.contains('\0') {
            self.pending.push_back(Self::problem(
                &name,
                None,
                "binary file (NUL bytes), not text",
                true,
            ));
            return;
        }
        if text.trim().is_empty() {
            self.pending
                .push_back(Self::problem(&name, None, "empty document", true));
            return;
        }
        let id = if name == "-" {
            "stdin".to_string()
        } else {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| name.clone())
        };
        self.push_doc(
            &name,
            None,
            id,
            text.replace("\r\n", "\n").replace('\r', "\n"),
            self.opts.date,
        );
    }

    fn push_doc(
        &mut self,
        path: &str,
        line: Option<usize>,
        id: String,
        text: String,
        published: Option<NaiveDate>,
    ) {
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            id.hash(&mut h);
            h.finish()
        };
        if !self.seen_ids.insert(fingerprint) {
            self.pending.push_back(Self::problem(
                path,
                line,
                format!("duplicate document id {id:?}: kept, its incidents share the id"),
                false,
            ));
        }
        self.pending.push_back(Item::Doc(Document {
            id,
            text,
            published,
        }));
    }

    /// One JSONL line.
    /// `false` when the rest of the file is not worth reading (UTF-16).
    fn read_line(&mut self, path: &str, n: usize, raw: &[u8]) -> bool {
        if n == 1 && (raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF])) {
            self.pending.push_back(Self::problem(
                path,
                Some(1),
                "the file is UTF-16; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)",
                true,
            ));
            return false;
        }
        let line = match std::str::from_utf8(raw) {
            Ok(l) => l,
            Err(_) => {
                self.pending.push_back(Self::problem(
                    path,
                    Some(n),
                    "line is not valid UTF-8; skipped",
                    true,
                ));
                return true;
            }
        };
        let line = line
            .trim_start_matches('\u{feff}')
            .trim_end_matches(['\r', '\n']);
        // a raw CR cannot occur inside a JSON string: a lone CR ends a line (old Mac files)
        if line.contains('\r') {
            for part in line.split('\r') {
                self.read_record(path, n, part);
            }
        } else {
            self.read_record(path, n, line);
        }
        true
    }

    /// One JSON record of a JSONL file.
    fn read_record(&mut self, path: &str, n: usize, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                self.pending.push_back(Self::problem(
                    path,
                    Some(n),
                    format!("not a JSON object ({e}); skipped"),
                    true,
                ));
                return;
            }
        };
        let Some(obj) = v.as_object() else {
            self.pending.push_back(Self::problem(
                path,
                Some(n),
                "not a JSON object; skipped",
                true,
            ));
            return;
        };
        let text = match obj.get(&self.opts.text_field) {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(serde_json::Value::String(_)) => {
                self.pending.push_back(Self::problem(
                    path,
                    Some(n),
                    format!("field {:?} is empty; skipped", self.opts.text_field),
                    true,
                ));
                return;
            }
            Some(other) => {
                self.pending.push_back(Self::problem(
                    path,
                    Some(n),
                    format!(
                        "field {:?} is a {}, not a string; skipped",
                        self.opts.text_field,
                        json_type(other)
                    ),
                    true,
                ));
                return;
            }
            None => {
                self.pending.push_back(Self::problem(
                    path,
                    Some(n),
                    format!(
                        "no {:?} field; skipped (set --text-field)",
                        self.opts.text_field
                    ),
                    true,
                ));
                return;
            }
        };
        let id = match obj.get(&self.opts.id_field) {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
            Some(serde_json::Value::Number(x)) => x.to_string(),
            _ => {
                let stem = Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "stdin".into());
                format!("{stem}:{n}")
            }
        };
        let published = match obj.get(&self.opts.date_field) {
            None | Some(serde_json::Value::Null) => self.opts.date,
            Some(serde_json::Value::String(s)) => match parse_date(s) {
                Some(d) => Some(d),
                None => {
                    self.pending.push_back(Self::problem(
                        path,
                        Some(n),
                        format!(
                            "{:?} is not a date (YYYY-MM-DD): {s:?}; relative dates left unresolved",
                            self.opts.date_field
                        ),
                        false,
                    ));
                    self.opts.date
                }
            },
            Some(other) => {
                self.pending.push_back(Self::problem(
                    path,
                    Some(n),
                    format!(
                        "{:?} is a {}, not a date string; relative dates left unresolved",
                        self.opts.date_field,
                        json_type(other)
                    ),
                    false,
                ));
                self.opts.date
            }
        };
        self.push_doc(path, Some(n), id, text.replace("\r\n", "\n"), published);
    }
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

/// Longest JSONL line (one report) read; longer lines are reported and skipped in bounded
/// memory. 16 MiB is far beyond any news report; a 16 MiB text already needs ~0.7 GB to
/// extract (mentions, spans, snippets).
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// Consume up to and including the next `\n`, 64 KiB at a time.
fn skip_line(r: &mut dyn BufRead) {
    loop {
        let (done, n) = match r.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(b) => match b.iter().position(|&c| c == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, b.len()),
            },
        };
        r.consume(n);
        if done {
            return;
        }
    }
}

impl Iterator for Reader {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(i) = self.pending.pop_front() {
                return Some(i);
            }
            if let Some((path, mut r, n)) = self.current.take() {
                let mut buf = Vec::new();
                let got = (&mut r)
                    .take(MAX_LINE_BYTES as u64 + 1)
                    .read_until(b'\n', &mut buf);
                match got {
                    Ok(0) => continue,
                    Ok(_) => {
                        let n = n + 1;
                        if buf.len() > MAX_LINE_BYTES && !buf.ends_with(b"\n") {
                            // skip the rest of the over-long line without holding it
                            drop(buf);
                            skip_line(&mut r);
                            self.pending.push_back(Self::problem(
                                &path,
                                Some(n),
                                format!("line longer than {} MiB; skipped", MAX_LINE_BYTES >> 20),
                                true,
                            ));
                            self.current = Some((path, r, n));
                        } else if self.read_line(&path, n, &buf) {
                            self.current = Some((path, r, n));
                        }
                    }
                    Err(e) => {
                        self.pending.push_back(Self::problem(
                            &path,
                            Some(n + 1),
                            format!("read error: {}", io_msg(&e)),
                            true,
                        ));
                    }
                }
                continue;
            }
            let p = self.files.next()?;
            let name = p.display().to_string();
            if name == "-" {
                // stdin: JSONL when it starts with '{', else one text document
                let stdin = std::io::stdin();
                let mut r = BufReader::new(stdin.lock());
                let first = r.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
                let s = String::from_utf8_lossy(&first);
                if s.trim_start_matches('\u{feff}')
                    .trim_start()
                    .starts_with('{')
                {
                    let mut all = Vec::new();
                    let _ = r.read_to_end(&mut all);
                    self.current = Some(("-".into(), Box::new(std::io::Cursor::new(all)), 0));
                } else {
                    let mut all = Vec::new();
                    let _ = r.read_to_end(&mut all);
                    self.read_text(&p, Box::new(std::io::Cursor::new(all)));
                }
                continue;
            }
            match File::open(&p) {
                Err(e) => {
                    self.pending.push_back(Self::problem(
                        &name,
                        None,
                        format!("cannot open: {}", io_msg(&e)),
                        true,
                    ));
                }
                Ok(f) => {
                    if is_jsonl(&p) || sniff_jsonl(&p) {
                        self.current =
                            Some((name, Box::new(BufReader::with_capacity(1 << 16, f)), 0));
                    } else {
                        self.read_text(&p, Box::new(f));
                    }
                }
            }
        }
    }
}
