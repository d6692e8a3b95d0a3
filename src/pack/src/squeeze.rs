//! How the frozen content is compressed in the binary: deflate at its strongest (`miniz_oxide`,
//! the pure-Rust deflate the standard library itself uses), with the raw size in front so the
//! output is allocated once at its exact size. The build script packs, the app unpacks. Deflate
//! over lz4: the two languages' packs and indexes take about 520 KB instead of 800 KB, for about a
//! millisecond more to read a pack (after the first frame, and on a language switch).
//! Must not import `ratatui` or `crossterm`.

/// Why frozen bytes could not be read back, or a part could not be frozen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A length, a frame or the bytes themselves end early.
    Cut,
    /// A frame does not inflate, or inflates to another length than the one recorded.
    Unpack,
    /// The bytes do not decode as the frozen types (or the types could not be encoded).
    Decode(postcard::Error),
    /// The parts do not fit together: the documents or the categories are counted differently.
    Counts,
    /// A part is 4 GB or more.
    TooLarge,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Cut => f.write_str("it is cut short"),
            Why::Unpack => f.write_str("a part does not unpack"),
            Why::Decode(e) => write!(f, "{e}"),
            Why::Counts => f.write_str("its parts are counted differently"),
            Why::TooLarge => f.write_str("a part is over 4 GB"),
        }
    }
}

/// The bundled content or its search index is not what the build wrote (the build makes this
/// impossible short of a damaged binary or a miscompile).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// What was being read: "content" or "search index".
    pub part: &'static str,
    /// What is wrong with it.
    pub why: Why,
}

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the bundled {} is damaged: {}", self.part, self.why)
    }
}

impl std::error::Error for Damaged {}

/// `raw`, compressed, after its length as a little-endian `u32`.
///
/// # Errors
/// Only if `raw` is 4 GB or more.
pub fn pack(raw: &[u8]) -> Result<Vec<u8>, Why> {
    let len = u32::try_from(raw.len()).map_err(|_| Why::TooLarge)?;
    let mut out = len.to_le_bytes().to_vec();
    out.extend(miniz_oxide::deflate::compress_to_vec(raw, 10));
    Ok(out)
}

/// What [`pack`] was given.
///
/// # Errors
/// The bytes are cut or damaged, or unpack to another length than the one in front.
pub fn unpack(bytes: &[u8]) -> Result<Vec<u8>, Why> {
    let (len, packed) = bytes.split_first_chunk::<4>().ok_or(Why::Cut)?;
    let len = usize::try_from(u32::from_le_bytes(*len)).map_err(|_| Why::TooLarge)?;
    let mut out = vec![0; len];
    let n = miniz_oxide::inflate::decompress_slice_iter_to_slice(
        &mut out,
        std::iter::once(packed),
        false,
        true,
    )
    .map_err(|_| Why::Unpack)?;
    if n == len { Ok(out) } else { Err(Why::Unpack) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_is_packed_unpacks_and_a_cut_or_changed_byte_is_refused() {
        let raw = "Depression is common. Depression is treatable. ".repeat(50);
        let packed = super::pack(raw.as_bytes()).expect("packs");
        assert!(packed.len() < raw.len() / 4);
        assert_eq!(super::unpack(&packed).expect("unpacks"), raw.as_bytes());
        for cut in [0, 3, 4, packed.len() / 2, packed.len() - 1] {
            assert!(super::unpack(&packed[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = packed.clone();
        longer[0] += 1;
        assert!(super::unpack(&longer).is_err());
    }
}
