//! The FAQ index file: a versioned, checksummed binary encoding of a checked knowledge base.
//!
//! ```text
//! offset  size  field
//! 0       8     magic "KEFUFAQ\0"
//! 8       2     format version, u16 LE (this code reads 1)
//! 10      2     reserved, 0
//! 12      4     body length N, u32 LE
//! 16      N     body
//! 16+N    4     CRC-32 (IEEE) of bytes 0..16+N, u32 LE
//! ```
//!
//! The body, with `str` = LEB128 length + UTF-8 bytes and `uvar` = LEB128:
//! featurizer scheme (str); model fingerprint (u64 LE) of the model the
//! vectors were computed with; shop name (str); default locale (u8: 0 zh-Hans,
//! 1 zh-Hant, 2 en); answer threshold (f32 LE); vector dimension D (u16 LE);
//! entry count (uvar); then per entry: id (str), intent (u8 index into
//! intents.md's order, 255 = none), answers (u8 count, then locale u8 + str),
//! links (u8 count, then label str + url str), questions (uvar count, then
//! text str + D bytes: the model's intent probabilities, quantised as
//! round(p * 255)).
//!
//! Lexical postings are not stored: they are derived from the texts in a
//! few milliseconds at load and would triple the file. Decoding re-checks
//! every rule the knowledge-file parser enforces, so a hand-crafted index
//! cannot smuggle in what a knowledge file could not.

use kefu_model::{Intent, Locale};

use crate::knowledge::{
    Entry, KnowledgeBase, Link, MAX_ANSWER_CHARS, MAX_ENTRIES, MAX_QUESTION_CHARS, check_id,
    check_text, check_url,
};

const MAGIC: &[u8; 8] = b"KEFUFAQ\0";
/// The format version this code writes and reads.
pub const FORMAT_VERSION: u16 = 1;
const HEADER: usize = 16;

/// A knowledge base ready to ship: texts, per-question model vectors and the
/// threshold below which no entry is a confident match.
#[derive(Clone, Debug, PartialEq)]
pub struct FaqIndex {
    /// The entries.
    pub knowledge: KnowledgeBase,
    /// The featurizer scheme the lexical tokens are computed with.
    pub featurizer: String,
    /// Fingerprint of the model `vectors` were computed with.
    pub model: u64,
    /// Scores below this are "not sure".
    pub threshold: f32,
    /// Per entry, per question: the model's intent probabilities.
    pub vectors: Vec<Vec<Vec<f32>>>,
}

/// Why bytes are not a usable index.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// Not an index file at all.
    #[error("not a Kefu FAQ index (bad magic bytes)")]
    NotAnIndex,
    /// Written by a newer Kefu.
    #[error(
        "FAQ index format version {found} is newer than this widget reads ({supported}); update the widget or rebuild the index"
    )]
    NewerVersion {
        /// The file's version.
        found: u16,
        /// What this code reads.
        supported: u16,
    },
    /// Cut short, e.g. an interrupted download.
    #[error("FAQ index is truncated ({0} bytes)")]
    Truncated(usize),
    /// The checksum does not match: damaged in transit or on disk.
    #[error("FAQ index is corrupted (checksum mismatch)")]
    Corrupted,
    /// Well-formed bytes that break the format's rules.
    #[error("FAQ index is invalid: {0}")]
    Invalid(String),
}

impl FaqIndex {
    /// Encodes the index.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        put_str(&mut body, &self.featurizer);
        body.extend_from_slice(&self.model.to_le_bytes());
        put_str(&mut body, &self.knowledge.shop_name);
        body.push(locale_code(self.knowledge.default_locale));
        body.extend_from_slice(&self.threshold.to_le_bytes());
        let dims = self.vectors.iter().flatten().next().map_or(0, |v| v.len());
        body.extend_from_slice(&u16::try_from(dims).unwrap_or(0).to_le_bytes());
        put_uvar(&mut body, self.knowledge.entries.len() as u64);
        for (i, e) in self.knowledge.entries.iter().enumerate() {
            put_str(&mut body, &e.id);
            body.push(e.intent.map_or(255, |i| i as u8));
            body.push(e.answers.len() as u8);
            for (l, text) in &e.answers {
                body.push(locale_code(*l));
                put_str(&mut body, text);
            }
            body.push(e.links.len().min(255) as u8);
            for link in e.links.iter().take(255) {
                put_str(&mut body, &link.label);
                put_str(&mut body, &link.url);
            }
            put_uvar(&mut body, e.questions.len() as u64);
            for (j, q) in e.questions.iter().enumerate() {
                put_str(&mut body, q);
                let v = self.vectors.get(i).and_then(|qs| qs.get(j));
                for d in 0..dims {
                    let p = v.and_then(|v| v.get(d)).copied().unwrap_or(0.0);
                    body.push((p.clamp(0.0, 1.0) * 255.0).round() as u8);
                }
            }
        }
        let mut out = Vec::with_capacity(HEADER + body.len() + 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&body);
        let crc = crc32(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    /// Decodes and checks an index.
    pub fn from_bytes(bytes: &[u8]) -> Result<FaqIndex, IndexError> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(if MAGIC.starts_with(bytes) {
                IndexError::Truncated(bytes.len())
            } else {
                IndexError::NotAnIndex
            });
        }
        if bytes.len() < HEADER {
            return Err(IndexError::Truncated(bytes.len()));
        }
        let version = u16::from_le_bytes([bytes[8], bytes[9]]);
        if version > FORMAT_VERSION {
            return Err(IndexError::NewerVersion {
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        if version == 0 {
            return Err(IndexError::Invalid("format version 0".into()));
        }
        let body_len = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as usize;
        let end = HEADER.saturating_add(body_len);
        if bytes.len() < end.saturating_add(4) {
            return Err(IndexError::Truncated(bytes.len()));
        }
        if bytes.len() > end + 4 {
            return Err(IndexError::Invalid(
                "trailing bytes after the checksum".into(),
            ));
        }
        let stored =
            u32::from_le_bytes([bytes[end], bytes[end + 1], bytes[end + 2], bytes[end + 3]]);
        if crc32(&bytes[..end]) != stored {
            return Err(IndexError::Corrupted);
        }
        decode_body(&bytes[HEADER..end])
    }
}

fn decode_body(body: &[u8]) -> Result<FaqIndex, IndexError> {
    let mut r = Reader { bytes: body, at: 0 };
    let featurizer = r.str(64)?;
    let model = u64::from_le_bytes(r.array()?);
    let shop_name = r.str(MAX_QUESTION_CHARS * 4)?;
    let default_locale = r.locale()?;
    let threshold = f32::from_le_bytes(r.array()?);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(invalid("threshold outside 0..1"));
    }
    let dims = usize::from(u16::from_le_bytes(r.array()?));
    let count = r.uvar()?;
    if count > MAX_ENTRIES as u64 {
        return Err(invalid("too many entries"));
    }
    let mut entries = Vec::new();
    let mut vectors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..count {
        let id = r.str(MAX_ANSWER_CHARS)?;
        check_id(&id).map_err(invalid)?;
        if !seen.insert(id.clone()) {
            return Err(invalid(format!("duplicate id `{id}`")));
        }
        let intent = match r.u8()? {
            255 => None,
            i => Some(
                *Intent::ALL
                    .get(usize::from(i))
                    .filter(|i| i.is_knowledge())
                    .ok_or_else(|| invalid(format!("entry `{id}` has a bad intent")))?,
            ),
        };
        let mut answers = Vec::new();
        for _ in 0..r.u8()? {
            let l = r.locale()?;
            let text = r.str(MAX_ANSWER_CHARS * 4)?;
            check_text("answer", &text, MAX_ANSWER_CHARS).map_err(invalid)?;
            answers.push((l, text));
        }
        if answers.is_empty() {
            return Err(invalid(format!("entry `{id}` has no answer")));
        }
        let mut links = Vec::new();
        for _ in 0..r.u8()? {
            let label = r.str(MAX_QUESTION_CHARS * 4)?;
            let url = r.str(MAX_ANSWER_CHARS * 4)?;
            check_url(&url).map_err(invalid)?;
            links.push(Link { label, url });
        }
        let n = r.uvar()?;
        if n == 0 || n > 10_000 {
            return Err(invalid(format!("entry `{id}` has {n} questions")));
        }
        let mut questions = Vec::new();
        let mut qv = Vec::new();
        for _ in 0..n {
            let q = r.str(MAX_QUESTION_CHARS * 4)?;
            check_text("question", &q, MAX_QUESTION_CHARS).map_err(invalid)?;
            questions.push(q);
            let raw = r.take(dims)?;
            qv.push(raw.iter().map(|b| f32::from(*b) / 255.0).collect());
        }
        entries.push(Entry {
            id,
            intent,
            questions,
            answers,
            links,
        });
        vectors.push(qv);
    }
    if r.at != body.len() {
        return Err(invalid("bytes left over after the last entry"));
    }
    Ok(FaqIndex {
        knowledge: KnowledgeBase {
            shop_name,
            default_locale,
            entries,
        },
        featurizer,
        model,
        threshold,
        vectors,
    })
}

fn invalid(m: impl Into<String>) -> IndexError {
    IndexError::Invalid(m.into())
}

fn locale_code(l: Locale) -> u8 {
    match l {
        Locale::ZhHans => 0,
        Locale::ZhHant => 1,
        Locale::En => 2,
    }
}

fn put_uvar(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_uvar(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.bytes.len())
            .ok_or_else(|| invalid("a field runs past the end of the body"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], IndexError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn u8(&mut self) -> Result<u8, IndexError> {
        Ok(self.take(1)?[0])
    }

    fn uvar(&mut self) -> Result<u64, IndexError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(invalid("a length is too long"))
    }

    fn str(&mut self, max_bytes: usize) -> Result<String, IndexError> {
        let len = self.uvar()?;
        if len > max_bytes as u64 {
            return Err(invalid("a text is too long"));
        }
        let raw = self.take(len as usize)?;
        String::from_utf8(raw.to_vec()).map_err(|_| invalid("a text is not UTF-8"))
    }

    fn locale(&mut self) -> Result<Locale, IndexError> {
        Locale::ALL
            .get(usize::from(self.u8()?))
            .copied()
            .ok_or_else(|| invalid("unknown locale code"))
    }
}

/// CRC-32 (IEEE 802.3), the checksum of zip and PNG.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc = TABLE[((crc ^ u32::from(*b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}
