//! Errors with a message a user can act on: each names the file (and line) and what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Error {
    /// Bad arguments or parameters.
    Usage(String),
    /// An input file that cannot be read or parsed; `line` is 1-based.
    Input {
        path: PathBuf,
        line: Option<usize>,
        msg: String,
    },
    /// An output that cannot be written.
    Output { path: PathBuf, msg: String },
    /// Several problems, each already a full message (e.g. gazetteer check).
    Many(Vec<String>),
}

impl Error {
    pub fn input(path: &Path, line: Option<usize>, msg: impl Into<String>) -> Self {
        Error::Input {
            path: path.to_path_buf(),
            line,
            msg: msg.into(),
        }
    }
    pub fn output(path: &Path, msg: impl fmt::Display) -> Self {
        Error::Output {
            path: path.to_path_buf(),
            msg: msg.to_string(),
        }
    }
    pub fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => write!(f, "{m}"),
            Error::Input {
                path,
                line: Some(l),
                msg,
            } => write!(f, "{}:{l}: {msg}", path.display()),
            Error::Input {
                path,
                line: None,
                msg,
            } => write!(f, "{}: {msg}", path.display()),
            Error::Output { path, msg } => write!(f, "cannot write {}: {msg}", path.display()),
            Error::Many(v) => write!(f, "{}", v.join("\n")),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
