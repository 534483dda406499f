//! The draw.io diagram inside a PNG export: a `tEXt`, `zTXt` or `iTXt` chunk with the
//! keyword `mxfile`, holding the URL-encoded (or, in `zTXt`, zlib-compressed) mxfile.
//!
//! Only the chunk framing is walked, never the image: the `png` crate would decode the
//! pixels to reach text chunks written after the image data, as draw.io may write them.

use std::io::Read;

use super::Limits;

pub(super) const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const KEYWORD: &[u8] = b"mxfile";

/// The mxfile XML a PNG carries, `None` when it carries none.
pub(super) fn embedded_mxfile(bytes: &[u8], limits: &Limits) -> Result<Option<String>, String> {
    let mut at = SIGNATURE.len();
    while at + 8 <= bytes.len() {
        let len =
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize;
        let kind = &bytes[at + 4..at + 8];
        let start = at + 8;
        let end = start
            .checked_add(len)
            .filter(|e| *e + 4 <= bytes.len())
            .ok_or_else(|| format!("a chunk at byte {at} runs past the end of the file"))?;
        let data = &bytes[start..end];
        let text = match kind {
            b"tEXt" => keyword_rest(data).map(|rest| Ok(latin1(rest))),
            b"zTXt" => keyword_rest(data).map(|rest| {
                // One byte of compression method (0 = zlib), then the stream.
                inflate_zlib(rest.get(1..).unwrap_or_default(), limits).map(|b| latin1(&b))
            }),
            b"iTXt" => keyword_rest(data).map(|rest| itxt(rest, limits)),
            b"IEND" => break,
            _ => None,
        };
        if let Some(text) = text {
            return Ok(Some(unwrap_text(&text?)?));
        }
        at = end + 4; // the CRC
    }
    Ok(None)
}

/// The bytes after `mxfile\0`, when the chunk's keyword is `mxfile`.
fn keyword_rest(data: &[u8]) -> Option<&[u8]> {
    let nul = data.iter().position(|b| *b == 0)?;
    (&data[..nul] == KEYWORD).then(|| &data[nul + 1..])
}

/// iTXt: compression flag, method, language tag\0, translated keyword\0, text (UTF-8).
fn itxt(rest: &[u8], limits: &Limits) -> Result<String, String> {
    let compressed = rest.first().copied().unwrap_or(0) == 1;
    let after = rest.get(2..).unwrap_or_default();
    let lang_end = after
        .iter()
        .position(|b| *b == 0)
        .ok_or("an iTXt chunk is cut short")?;
    let after = &after[lang_end + 1..];
    let kw_end = after
        .iter()
        .position(|b| *b == 0)
        .ok_or("an iTXt chunk is cut short")?;
    let body = &after[kw_end + 1..];
    let bytes = if compressed {
        inflate_zlib(body, limits)?
    } else {
        body.to_vec()
    };
    String::from_utf8(bytes).map_err(|_| "the iTXt chunk is not UTF-8".to_string())
}

fn inflate_zlib(data: &[u8], limits: &Limits) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let limit = limits.max_inflated_bytes as u64 + 1;
    flate2::read::ZlibDecoder::new(data)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| format!("the embedded diagram cannot be inflated ({e})"))?;
    if out.len() > limits.max_inflated_bytes {
        return Err(format!(
            "the embedded diagram inflates to more than {} MB: far larger than any real diagram, so it was not read",
            limits.max_inflated_bytes / (1024 * 1024)
        ));
    }
    Ok(out)
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(*b)).collect()
}

/// draw.io URL-encodes the XML it puts in a text chunk.
fn unwrap_text(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.starts_with('<') {
        return Ok(trimmed.to_string());
    }
    percent_encoding::percent_decode_str(trimmed)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| "the embedded diagram is not UTF-8 once decoded".to_string())
}
