//! The extraction pipeline over a stream of documents: read → extract (in parallel, in
//! batches, order kept) → hand each document's result to a sink. Memory is bounded by the
//! batch, not by the number of documents.

use crate::gazetteer::Gazetteer;
use crate::geoparse::Matcher;
use crate::incident::{extract, Extraction};
use crate::io::input::{InputOptions, InputProblem, Item, Reader};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What a run read and found, for the summary on stderr.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub documents: usize,
    pub skipped: usize,
    pub problems: Vec<InputProblem>,
    pub incidents: usize,
    pub places: usize,
    /// Names after a trigger word («حي X») that the gazetteer does not know, with counts.
    pub unresolved: BTreeMap<String, usize>,
}

impl Summary {
    /// Unresolved names, most frequent first.
    pub fn top_unresolved(&self, n: usize) -> Vec<(&str, usize)> {
        let mut v: Vec<(&str, usize)> = self
            .unresolved
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// Gazetteer and matcher, built once per run.
pub struct Extractor {
    gaz: Gazetteer,
    matcher: Option<Matcher>,
}

impl Extractor {
    /// The bundled gazetteer, with the user's overlay when given.
    pub fn new(overlay: Option<&std::path::Path>) -> crate::Result<Extractor> {
        match overlay {
            None => Ok(Extractor {
                gaz: Gazetteer::default(),
                matcher: None,
            }),
            Some(_) => {
                let gaz = Gazetteer::load(overlay)?.into_owned();
                let matcher = Matcher::new(&gaz);
                Ok(Extractor {
                    gaz,
                    matcher: Some(matcher),
                })
            }
        }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        if self.matcher.is_some() {
            &self.gaz
        } else {
            Gazetteer::bundled()
        }
    }

    pub fn matcher(&self) -> &Matcher {
        self.matcher.as_ref().unwrap_or_else(|| Matcher::bundled())
    }

    /// Run over all inputs; `sink` gets each document's extraction in input order.
    pub fn run<F>(
        &self,
        inputs: &[PathBuf],
        opts: InputOptions,
        mut sink: F,
    ) -> crate::Result<Summary>
    where
        F: FnMut(Extraction) -> crate::Result<()>,
    {
        self.run_rendered(inputs, opts, |_| (), |x, ()| sink(x))
    }

    /// Like [`Extractor::run`], with a `render` step (e.g. serialising the incidents) that
    /// runs in the worker threads beside the extraction, so that only writing is serial.
    pub fn run_rendered<T, R, F>(
        &self,
        inputs: &[PathBuf],
        opts: InputOptions,
        render: R,
        mut sink: F,
    ) -> crate::Result<Summary>
    where
        T: Send,
        R: Fn(&Extraction) -> T + Sync,
        F: FnMut(Extraction, T) -> crate::Result<()>,
    {
        let mut summary = Summary::default();
        let reader = Reader::new(inputs, opts);
        let gaz = self.gazetteer();
        let matcher = self.matcher();
        let mut batch = Vec::new();
        let mut batch_bytes = 0usize;
        let mut flush = |batch: &mut Vec<crate::incident::Document>,
                         summary: &mut Summary|
         -> crate::Result<()> {
            let results: Vec<(Extraction, T)> = batch
                .par_iter()
                .map(|d| {
                    let x = extract(d, gaz, matcher);
                    let t = render(&x);
                    (x, t)
                })
                .collect();
            batch.clear();
            for (r, t) in results {
                summary.incidents += r.incidents.len();
                summary.places += r.places.len();
                for u in &r.unresolved {
                    *summary.unresolved.entry(u.clone()).or_default() += 1;
                }
                sink(r, t)?;
            }
            Ok(())
        };
        for item in reader {
            match item {
                Item::Doc(d) => {
                    summary.documents += 1;
                    batch_bytes += d.text.len();
                    batch.push(d);
                    if batch.len() >= 1024 || batch_bytes >= 16 << 20 {
                        flush(&mut batch, &mut summary)?;
                        batch_bytes = 0;
                    }
                }
                Item::Problem(p) => {
                    if p.skipped {
                        summary.skipped += 1;
                    }
                    eprintln!("athar: {p}");
                    summary.problems.push(p);
                }
            }
        }
        flush(&mut batch, &mut summary)?;
        Ok(summary)
    }
}
