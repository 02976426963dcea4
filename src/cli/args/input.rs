//! How input files are decoded.

use std::path::Path;

use termalign::decode::{self, DecodeOptions, Decoded};
use termalign::{Error, ErrorKind, Result};

#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Input encoding (utf-8, gb18030, gbk, utf-16le, utf-16be, big5, …). By
    /// default a BOM decides, then UTF-16 when every other byte is NUL, then
    /// UTF-8, then GB18030 when the bytes are not UTF-8 but decode to Chinese.
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// Replace undecodable bytes with U+FFFD instead of stopping (a warning
    /// with the count goes to stderr).
    #[arg(long)]
    pub lossy: bool,
}

impl InputArgs {
    pub fn decode_options(&self) -> Result<DecodeOptions> {
        let encoding = match &self.encoding {
            None => None,
            Some(label) => Some(decode::encoding_for_label(label).ok_or_else(|| {
                Error::new(ErrorKind::Config, format!("unknown encoding `{label}`"))
            })?),
        };
        Ok(DecodeOptions {
            encoding,
            lossy: self.lossy,
        })
    }

    /// Read and decode a file (`-` is stdin).
    pub fn read(&self, path: &Path) -> Result<Decoded> {
        let opts = self.decode_options()?;
        let decoded = if path == Path::new("-") {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)?;
            let d = decode::decode(&bytes, opts).map_err(|e| e.with_path("<stdin>"))?;
            if d.text.trim().is_empty() {
                return Err(Error::new(ErrorKind::Empty, "no text").with_path("<stdin>"));
            }
            d
        } else {
            decode::read_file(path, opts)?
        };
        if decoded.replaced > 0 {
            crate::cli::ui::note!(
                "termalign: warning: {}: decoded as {}, replacing {} undecodable byte sequence(s) with U+FFFD",
                path.display(),
                decoded.encoding,
                decoded.replaced
            );
        }
        Ok(decoded)
    }
}
