//! Bad input, table-driven, through the real binary: every row names the input (written into a
//! temp folder), the command, the exit code, the message fragments (file and line where there
//! is one) and what still gets processed (documents read, incidents written). No row may panic.

use crate::athar;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Synthetic reports (not corpus text): each gives incidents at an Aleppo neighbourhood.
const G: &str = r#"{"id":"a","text":"غارة جوية على حي الصاخور في حلب","published":"2016-09-24"}"#;
const H: &str = r#"{"id":"b","text":"قصف مدفعي على حي الشعار في حلب","published":"2016-09-25"}"#;
const ATTACK: &str = "غارة جوية على حي الصاخور في حلب";

struct Case {
    name: &'static str,
    /// (relative path, bytes); a path ending in '/' is a folder.
    files: Vec<(&'static str, Vec<u8>)>,
    /// Arguments; `{d}` is replaced by the temp folder.
    args: Vec<&'static str>,
    code: i32,
    stderr: Vec<&'static str>,
    /// RS-prefixed incident records expected on stdout (extract's default output), if checked.
    incidents: Option<usize>,
}

fn case(
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: &[&'static str],
    code: i32,
    stderr: &[&'static str],
    incidents: Option<usize>,
) -> Case {
    Case {
        name,
        files,
        args: args.to_vec(),
        code,
        stderr: stderr.to_vec(),
        incidents,
    }
}

fn b(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

fn lines(ls: &[&str]) -> Vec<u8> {
    let mut s = ls.join("\n");
    s.push('\n');
    s.into_bytes()
}

fn utf16le(s: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    for u in s.encode_utf16() {
        v.extend(u.to_le_bytes());
    }
    v
}

fn setup(dir: &Path, files: &[(&str, Vec<u8>)]) {
    for (name, bytes) in files {
        let p = dir.join(name);
        if name.ends_with('/') {
            std::fs::create_dir_all(&p).unwrap();
            continue;
        }
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let d = dir.to_str().unwrap();
    let args: Vec<String> = args.iter().map(|a| a.replace("{d}", d)).collect();
    athar().args(&args).current_dir(dir).output().unwrap()
}

fn check(c: &Case, out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{}: panic: {err}", c.name);
    assert_eq!(
        out.status.code(),
        Some(c.code),
        "{}: exit code; stderr:\n{err}",
        c.name
    );
    for w in &c.stderr {
        assert!(
            err.contains(w),
            "{}: expected {w:?} in stderr:\n{err}",
            c.name
        );
    }
    if let Some(n) = c.incidents {
        let got = out.stdout.iter().filter(|&&x| x == 0x1e).count();
        assert_eq!(got, n, "{}: incidents on stdout; stderr:\n{err}", c.name);
    }
}

fn swapped_doc(text: &str) -> Vec<u8> {
    format!("{{\"id\":\"s\",\"text\":{}}}\n", serde_json::json!(text)).into_bytes()
}

#[test]
fn bad_input_table() {
    let bidi =
        "\u{202B}غارة\u{200F} جوية\u{2067} على حي \u{200D}الصا\u{200B}خور\u{2069} في حلب\u{202C}";
    let long_name = format!("غارة جوية على حي {}", "ص".repeat(200_000));
    let point = |geom: &str, props: &str| {
        format!(r#"{{"type":"Feature","geometry":{geom},"properties":{props}}}"#)
    };
    let cases = vec![
        // --- encodings and line ends ---
        case("invalid UTF-8 line among good ones", vec![("r.jsonl", [b(G), b("\n{\"id\":\"x\",\"text\":\""), vec![0xc3, 0x28, 0xff], b("\"}\n"), b(H), b("\n")].concat())], &["extract", "r.jsonl"], 0, &["r.jsonl:2: line is not valid UTF-8", "2 document(s) read, 1 skipped"], Some(4)),
        case("invalid UTF-8 text file", vec![("r.txt", [b("سطر\n"), vec![0xc3, 0x28]].concat())], &["extract", "r.txt"], 2, &["r.txt:2: not valid UTF-8"], Some(0)),
        case("UTF-8 BOM on JSONL", vec![("r.jsonl", [vec![0xEF, 0xBB, 0xBF], lines(&[G])].concat())], &["extract", "r.jsonl"], 0, &["1 document(s) read, 0 skipped"], Some(2)),
        case("UTF-8 BOM on text", vec![("r.txt", [vec![0xEF, 0xBB, 0xBF], b(ATTACK)].concat())], &["extract", "r.txt"], 0, &["1 document(s) read"], Some(2)),
        case("UTF-16 JSONL", vec![("r.jsonl", utf16le(G))], &["extract", "r.jsonl"], 2, &["r.jsonl:1: the file is UTF-16", "iconv"], Some(0)),
        case("UTF-16 text", vec![("r.txt", utf16le(ATTACK))], &["extract", "r.txt"], 2, &["r.txt: the file is UTF-16"], Some(0)),
        case("CRLF JSONL", vec![("r.jsonl", b(&format!("{G}\r\n{H}\r\n")))], &["extract", "r.jsonl"], 0, &["2 document(s) read, 0 skipped"], Some(4)),
        case("lone CR JSONL", vec![("r.jsonl", b(&format!("{G}\r{H}\r")))], &["extract", "r.jsonl"], 0, &["2 document(s) read, 0 skipped"], Some(4)),
        case("CRLF and lone CR in text", vec![("r.txt", b(&format!("{ATTACK}\r\nقصف\rمدفعي على حي الشعار في حلب\r")))], &["extract", "r.txt"], 0, &["1 document(s) read"], None),
        // --- empty, missing, binary ---
        case("empty JSONL", vec![("r.jsonl", vec![])], &["extract", "r.jsonl"], 2, &["no document could be read from r.jsonl"], Some(0)),
        case("empty text", vec![("r.txt", b("  \n\n"))], &["extract", "r.txt"], 2, &["r.txt: empty document"], Some(0)),
        case("empty folder", vec![("d/", vec![])], &["extract", "d"], 2, &["d: folder has no .txt or .jsonl files"], Some(0)),
        case("binary file", vec![("r.txt", (0..=255u8).cycle().take(4096).collect())], &["extract", "r.txt"], 2, &["r.txt:", "not valid UTF-8", "binary"], Some(0)),
        case("NUL bytes in valid UTF-8", vec![("r.txt", b(&format!("{ATTACK}\0\0\0")))], &["extract", "r.txt"], 2, &["binary file (NUL bytes)"], Some(0)),
        case("nonexistent path", vec![], &["extract", "nope.jsonl"], 2, &["nope.jsonl: cannot read: no such file or folder"], Some(0)),
        case("nonexistent path beside a good file", vec![("r.jsonl", lines(&[G]))], &["extract", "nope.jsonl", "r.jsonl"], 0, &["nope.jsonl: cannot read", "1 document(s) read, 1 skipped"], Some(2)),
        case("folder with a symlink loop", vec![("d/r.jsonl", lines(&[G]))], &["extract", "d"], 0, &["1 document(s) read, 0 skipped"], Some(2)),
        // --- JSONL records ---
        case("line that is not JSON", vec![("r.jsonl", lines(&[G, "{\"id\":\"x\",\"text\":", H]))], &["extract", "r.jsonl"], 0, &["r.jsonl:2: not a JSON object", "2 document(s) read, 1 skipped"], Some(4)),
        case("JSON that is not an object", vec![("r.jsonl", lines(&[G, "[1,2]", "\"text\""]))], &["extract", "r.jsonl"], 0, &["r.jsonl:2: not a JSON object", "r.jsonl:3: not a JSON object"], Some(2)),
        case("missing text", vec![("r.jsonl", lines(&[r#"{"id":"x"}"#, G]))], &["extract", "r.jsonl"], 0, &["r.jsonl:1: no \"text\" field", "--text-field"], Some(2)),
        case("non-string text", vec![("r.jsonl", lines(&[G, r#"{"id":"x","text":5}"#, r#"{"id":"y","text":null}"#]))], &["extract", "r.jsonl"], 0, &["r.jsonl:2: field \"text\" is a number, not a string", "r.jsonl:3: field \"text\" is a null"], Some(2)),
        case("empty text field", vec![("r.jsonl", lines(&[r#"{"id":"x","text":"  "}"#]))], &["extract", "r.jsonl"], 2, &["r.jsonl:1: field \"text\" is empty"], Some(0)),
        case("wrong-type published", vec![("r.jsonl", lines(&[r#"{"id":"x","text":"غارة جوية على حي الصاخور في حلب","published":20160924}"#]))], &["extract", "r.jsonl"], 0, &["r.jsonl:1: \"published\" is a number, not a date string"], Some(2)),
        case("impossible date", vec![("r.jsonl", lines(&[r#"{"id":"x","text":"غارة جوية على حي الصاخور في حلب","published":"2016-02-30"}"#]))], &["extract", "r.jsonl"], 0, &["r.jsonl:1: \"published\" is not a date (YYYY-MM-DD): \"2016-02-30\""], Some(2)),
        case("duplicate document ids", vec![("r.jsonl", lines(&[G, G]))], &["extract", "r.jsonl"], 0, &["r.jsonl:2: duplicate document id \"a\"", "2 document(s) read, 0 skipped"], Some(4)),
        // --- odd texts: processed, never a crash ---
        case("bidi controls and zero-width characters", vec![("r.jsonl", swapped_doc(bidi))], &["extract", "r.jsonl"], 0, &["1 document(s) read"], Some(2)),
        case("HTML and script", vec![("r.jsonl", swapped_doc(&format!("<script>alert('x')</script><p>{ATTACK}</p>")))], &["extract", "r.jsonl"], 0, &["1 document(s) read"], Some(2)),
        case("very long name", vec![("r.jsonl", swapped_doc(&long_name))], &["extract", "r.jsonl"], 1, &["1 document(s) read, 0 skipped, 0 incident(s)"], Some(0)),
        case("only digits", vec![("r.jsonl", swapped_doc("0123456789 ٠١٢٣٤٥ 2016-09-24 ١٢/٣/٢٠١٦"))], &["extract", "r.jsonl"], 1, &["0 incident(s)"], Some(0)),
        case("only Latin text", vec![("r.jsonl", swapped_doc("The weather in Paris is mild today; markets opened higher."))], &["extract", "r.jsonl"], 1, &["0 incident(s)"], Some(0)),
        // --- parameters ---
        case("--threads 0", vec![("r.jsonl", lines(&[G]))], &["extract", "r.jsonl", "--threads", "0"], 2, &["--threads 0"], Some(0)),
        case("--date impossible", vec![("r.txt", b(ATTACK))], &["extract", "r.txt", "--date", "2016-02-30"], 2, &["--date \"2016-02-30\" is not a date"], Some(0)),
        case("map --eps-km 0", vec![("r.jsonl", lines(&[G]))], &["map", "r.jsonl", "-o", "out", "--eps-km", "0"], 2, &["--eps-km 0"], None),
        case("map --eps-km negative", vec![("r.jsonl", lines(&[G]))], &["map", "r.jsonl", "-o", "out", "--eps-km=-1"], 2, &["--eps-km -1"], None),
        case("map --eps-km absurd", vec![("r.jsonl", lines(&[G]))], &["map", "r.jsonl", "-o", "out", "--eps-km", "1e9"], 2, &["at most 20000"], None),
        case("map --eps-km NaN", vec![("r.jsonl", lines(&[G]))], &["map", "r.jsonl", "-o", "out", "--eps-km", "NaN"], 2, &["--eps-km NaN"], None),
        case("map --min-points 0", vec![("r.jsonl", lines(&[G]))], &["map", "r.jsonl", "-o", "out", "--min-points", "0"], 2, &["--min-points 0"], None),
        case("map --window-days negative", vec![("r.jsonl", lines(&[G]))], &["map", "r.jsonl", "-o", "out", "--window-days=-2"], 2, &["--window-days -2"], None),
        case("map --threads 0", vec![("r.jsonl", lines(&[G]))], &["map", "r.jsonl", "-o", "out", "--threads", "0"], 2, &["--threads 0"], None),
        case("cluster --eps-km 0", vec![("p.csv", b("lon,lat\n37,36\n"))], &["cluster", "p.csv", "-o", "out", "--eps-km", "0"], 2, &["--eps-km must be"], None),
        // --- outputs ---
        case("output under a regular file", vec![("r.jsonl", lines(&[G])), ("f", b("x"))], &["extract", "r.jsonl", "-o", "f/x.geojson"], 2, &["cannot write f/x.geojson", "Not a directory"], None),
        case("extract output is a folder", vec![("r.jsonl", lines(&[G])), ("o/", vec![])], &["extract", "r.jsonl", "-o", "o"], 2, &["cannot write o: it is a folder"], None),
        case("map output is a file", vec![("r.jsonl", lines(&[G])), ("f", b("x"))], &["map", "r.jsonl", "-o", "f"], 2, &["cannot write f: it is a file"], None),
        case("map output under a regular file", vec![("r.jsonl", lines(&[G])), ("f", b("x"))], &["map", "r.jsonl", "-o", "f/out"], 2, &["cannot write f/out", "Not a directory"], None),
        case("output in /proc", vec![("r.jsonl", lines(&[G]))], &["extract", "r.jsonl", "-o", "/proc/athar-test.geojson"], 2, &["cannot write /proc/athar-test.geojson"], None),
        case("disk full (/dev/full)", vec![("r.jsonl", lines(&[G]))], &["extract", "r.jsonl", "-o", "/dev/full"], 2, &["cannot write /dev/full: No space left on device"], None),
        case("places audit file on a full disk", vec![("r.jsonl", lines(&[G]))], &["extract", "r.jsonl", "-o", "inc.geojsons", "--places", "/dev/full"], 2, &["cannot write /dev/full"], None),
        // --- user gazetteers ---
        case("gazetteer with swapped lat/lon", vec![("g.csv", b("id,name_ar,lat,lon\nu1,حي التجربة,44.36,33.31\n"))], &["gazetteer", "check", "g.csv"], 2, &["g.csv:2", "swapped"], None),
        case("gazetteer out of range", vec![("g.csv", b("id,name_ar,lat,lon\nu1,حي التجربة,36.2,37.1\nu2,حي ثان,95,37.1\n"))], &["gazetteer", "check", "g.csv"], 2, &["g.csv:3", "out of range"], None),
        case("gazetteer NaN", vec![("g.csv", b("id,name_ar,lat,lon\nu1,حي التجربة,NaN,37.1\n"))], &["gazetteer", "check", "g.csv"], 2, &["g.csv:2", "not numbers"], None),
        case("gazetteer missing header", vec![("g.csv", b("u1,حي التجربة,36.2,37.1\n"))], &["gazetteer", "check", "g.csv"], 2, &["g.csv:1", "header"], None),
        case("gazetteer duplicate ids", vec![("g.csv", b("id,name_ar,lat,lon\nu1,حي التجربة,36.2,37.1\nu1,حي ثان,36.3,37.1\n"))], &["gazetteer", "check", "g.csv"], 2, &["g.csv:3", "duplicate id \"u1\""], None),
        case("bad gazetteer given to extract", vec![("r.jsonl", lines(&[G])), ("g.csv", b("id,name_ar,lat,lon\nu1,حي التجربة,NaN,37.1\n"))], &["extract", "r.jsonl", "--gazetteer", "g.csv"], 2, &["g.csv:2", "not numbers"], Some(0)),
        // --- point layers for cluster ---
        case("cluster: non-point geometry", vec![("p.geojsons", b(&format!("{}\n{}\n", point(r#"{"type":"Point","coordinates":[37,36]}"#, "{}"), point(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#, "{}"))))], &["cluster", "p.geojsons", "-o", "out"], 2, &["p.geojsons:2", "Polygon"], None),
        case("cluster: missing coordinates", vec![("p.geojsons", b(&point(r#"{"type":"Point"}"#, "{}")))], &["cluster", "p.geojsons", "-o", "out"], 2, &["p.geojsons:1", "no coordinates"], None),
        case("cluster: non-numeric time", vec![("p.csv", b("lon,lat,t\n37,36,2016-01-01\n37,36,yesterday\n"))], &["cluster", "p.csv", "-o", "out", "--time-field", "t", "--window-days", "3"], 2, &["p.csv:3", "not a date"], None),
        case("map --from-incidents with a broken line", vec![("i.geojsons", b("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[37,36]},\"properties\":{}}\n{oops\n"))], &["map", "--from-incidents", "i.geojsons", "-o", "out"], 2, &["i.geojsons:2: not a GeoJSON feature"], None),
        case("html without layers", vec![("o/", vec![])], &["html", "o"], 2, &["no incidents.geojson in this folder"], None),
    ];
    assert!(cases.len() >= 30, "{} kinds", cases.len());
    for c in &cases {
        let dir = tempfile::tempdir().unwrap();
        setup(dir.path(), &c.files);
        if c.name == "folder with a symlink loop" {
            std::os::unix::fs::symlink(".", dir.path().join("d/loop")).unwrap();
        }
        let out = run_in(dir.path(), &c.args);
        check(c, &out);
    }
    // writing to /dev/full must not have replaced the device with a regular file
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/full")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn a_100_mb_line_is_skipped_in_bounded_memory_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jsonl");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        writeln!(f, "{G}").unwrap();
        f.write_all(b"{\"id\":\"big\",\"text\":\"").unwrap();
        let chunk = "غارة جوية على حي الصاخور. ".repeat(1000);
        let mut n = 0;
        while n < 100 << 20 {
            f.write_all(chunk.as_bytes()).unwrap();
            n += chunk.len();
        }
        f.write_all(b"\"}\n").unwrap();
        writeln!(f, "{H}").unwrap();
    }
    let out = athar().arg("extract").arg(&p).output().unwrap();
    let c = case(
        "100 MB line",
        vec![],
        &[],
        0,
        &[
            "big.jsonl:2: line longer than 16 MiB; skipped",
            "2 document(s) read, 1 skipped",
        ],
        Some(4),
    );
    check(&c, &out);
}

/// Run as root, `chmod 000` stops nothing: the binary then runs without the two capabilities
/// that let root ignore permissions (setpriv, util-linux), so the real error path is tested.
fn unprivileged(args: &[&str], dir: &Path) -> Output {
    let root = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"));
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--bounding-set", "-dac_override,-dac_read_search"])
            .arg(env!("CARGO_BIN_EXE_athar"));
        c
    } else {
        athar()
    };
    cmd.args(args)
        .current_dir(dir)
        .output()
        .expect("setpriv (util-linux) is needed to drop root's permission override")
}

#[test]
fn unreadable_inputs_and_unwritable_outputs() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    setup(
        d,
        &[
            ("locked/r.jsonl", lines(&[G])),
            ("open/r.jsonl", lines(&[G])),
            ("open/secret.jsonl", lines(&[H])),
            ("ro/", vec![]),
        ],
    );
    let mode = |p: &str, m: u32| {
        std::fs::set_permissions(d.join(p), std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode("locked", 0o000);
    mode("open/secret.jsonl", 0o000);
    mode("ro", 0o555);
    let rows: Vec<Case> = vec![
        case(
            "folder without permission",
            vec![],
            &["extract", "locked"],
            2,
            &[
                "locked: cannot list folder: permission denied",
                "0 document(s) read, 1 skipped",
            ],
            Some(0),
        ),
        case(
            "file without permission beside a readable one",
            vec![],
            &["extract", "open"],
            0,
            &[
                "open/secret.jsonl: cannot open: permission denied",
                "1 document(s) read, 1 skipped",
            ],
            Some(2),
        ),
        case(
            "unwritable output folder (extract)",
            vec![],
            &["extract", "open/r.jsonl", "-o", "ro/x.geojson"],
            2,
            &["cannot write ro/x.geojson: Permission denied"],
            None,
        ),
        case(
            "unwritable output folder (map)",
            vec![],
            &["map", "open/r.jsonl", "-o", "ro"],
            2,
            &["cannot write ro", "Permission denied"],
            None,
        ),
    ];
    for c in &rows {
        let out = unprivileged(&c.args, d);
        check(c, &out);
    }
    assert_eq!(std::fs::read_dir(d.join("ro")).unwrap().count(), 0);
    mode("locked", 0o755);
}

/// A run that fails leaves the earlier outputs byte for byte, and no temp file.
#[test]
fn failed_runs_leave_earlier_outputs_intact() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    setup(
        d,
        &[
            ("r.jsonl", lines(&[G, H])),
            ("bad.jsonl", b("\n")),
            ("g.csv", b("id,name_ar,lat,lon\nu1,حي,NaN,1\n")),
        ],
    );
    let ok = run_in(
        d,
        &[
            "extract",
            "r.jsonl",
            "-o",
            "inc.geojson",
            "--format",
            "geojson",
        ],
    );
    assert_eq!(ok.status.code(), Some(0));
    let ok = run_in(d, &["map", "r.jsonl", "-o", "out"]);
    assert_eq!(ok.status.code(), Some(0));
    let snapshot = |p: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        v.sort();
        v
    };
    let before_inc = std::fs::read(d.join("inc.geojson")).unwrap();
    let before_map = snapshot(&d.join("out"));
    assert!(before_map.len() >= 20);
    for args in [
        vec![
            "extract",
            "bad.jsonl",
            "-o",
            "inc.geojson",
            "--format",
            "geojson",
        ],
        vec![
            "extract",
            "r.jsonl",
            "-o",
            "inc.geojson",
            "--gazetteer",
            "g.csv",
        ],
        vec!["map", "bad.jsonl", "-o", "out"],
        vec!["map", "r.jsonl", "-o", "out", "--gazetteer", "g.csv"],
        vec!["map", "r.jsonl", "-o", "out", "--format", "geojson,shp"],
    ] {
        let out = run_in(d, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
        assert!(
            std::fs::read(d.join("inc.geojson")).unwrap() == before_inc,
            "{args:?}: inc.geojson changed"
        );
        assert!(
            snapshot(&d.join("out")) == before_map,
            "{args:?}: layers changed"
        );
    }
    let names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

/// A full disk mid-write (a 1 MiB tmpfs): exit 2, the earlier layers stay, no staging left.
#[test]
fn disk_full_on_a_small_tmpfs_keeps_earlier_layers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mnt = d.join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let target = if mounted {
        Some(Unmount(mnt.clone()))
    } else {
        None
    };
    // Without the right to mount (not root), the same write error is injected with /dev/full.
    let mut docs = Vec::new();
    for i in 0..300 {
        docs.push(G.replace("\"a\"", &format!("\"a{i}\"")));
    }
    setup(
        d,
        &[(
            "r.jsonl",
            lines(&docs.iter().map(String::as_str).collect::<Vec<_>>()),
        )],
    );
    if target.is_some() {
        let first = run_in(d, &["map", "r.jsonl", "-o", "small/out", "--format", "csv"]);
        assert_eq!(
            first.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&first.stderr)
        );
        let before = std::fs::read(mnt.join("out/incidents.csv")).unwrap();
        let full = run_in(d, &["map", "r.jsonl", "-o", "small/out"]);
        let err = String::from_utf8_lossy(&full.stderr);
        assert_eq!(full.status.code(), Some(2), "{err}");
        assert!(err.contains("No space left on device"), "{err}");
        assert!(!err.contains("panicked"));
        assert!(std::fs::read(mnt.join("out/incidents.csv")).unwrap() == before);
        let left: Vec<_> = std::fs::read_dir(mnt.join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().starts_with('.'))
            .collect();
        assert!(left.is_empty(), "staging left behind: {left:?}");
        let big = run_in(d, &["extract", "r.jsonl", "-o", "small/inc.geojson"]);
        assert_eq!(big.status.code(), Some(2));
        assert!(!mnt.join("inc.geojson").exists());
    } else {
        let out = run_in(d, &["extract", "r.jsonl", "-o", "/dev/full"]);
        assert_eq!(out.status.code(), Some(2));
    }
}

/// `athar extract … | head -1`: the reader goes away, athar stops quietly with exit 0.
#[test]
fn closed_output_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = Vec::new();
    for i in 0..3000 {
        docs.push(G.replace("\"a\"", &format!("\"a{i}\"")));
    }
    setup(
        dir.path(),
        &[(
            "r.jsonl",
            lines(&docs.iter().map(String::as_str).collect::<Vec<_>>()),
        )],
    );
    let mut child = athar()
        .args(["extract", "r.jsonl"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('\u{1e}'));
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let st = child.wait().unwrap();
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert_eq!(st.code(), Some(0), "{err}");
}
