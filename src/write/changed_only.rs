//! A writer for rebuilding a big file in place: it reads the previous version alongside what it
//! is given and starts the new file only at the first byte that differs, so an unchanged data
//! file of a hundred megabytes costs a read, not a write, and is never held whole.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use super::STREAM_BUFFER as BUFFER;

/// Compares written bytes with the file at a path; writes a new file from the first difference.
pub struct ChangedOnly<F: FnMut() -> io::Result<File>> {
    /// The previous version, read as far as it has matched.
    old: Option<BufReader<File>>,
    /// The path of the previous version, reopened to copy the part that matched.
    old_path: Box<Path>,
    /// Bytes that matched so far.
    matched: u64,
    /// Makes the file that takes the new version, when it differs.
    start_new: F,
    /// The new version, once it differs.
    new: Option<BufWriter<File>>,
    /// Where the old bytes are read to be compared.
    scratch: Vec<u8>,
}

impl<F: FnMut() -> io::Result<File>> ChangedOnly<F> {
    /// Compares with the regular file at `old_path` (a missing file, a link or a folder counts
    /// as different); `start_new` makes the file the new version goes to.
    pub fn new(old_path: &Path, start_new: F) -> Self {
        let is_file = std::fs::symlink_metadata(old_path).is_ok_and(|m| m.is_file());
        let old = if is_file { File::open(old_path).ok().map(|f| BufReader::with_capacity(BUFFER, f)) } else { None };
        ChangedOnly { old, old_path: old_path.into(), matched: 0, start_new, new: None, scratch: Vec::new() }
    }

    /// Ends the file: `true` when the new version differs from the old one and was written
    /// (completely) to the file `start_new` made, `false` when it has the same bytes.
    pub fn finish(mut self) -> io::Result<bool> {
        if self.new.is_none() {
            let old_goes_on = match &mut self.old {
                Some(old) => old.read(&mut [0u8; 1])? > 0,
                None => true,
            };
            if !old_goes_on {
                return Ok(false);
            }
            self.diverge()?;
        }
        self.new.take().map_or(Ok(()), |mut new| new.flush())?;
        Ok(true)
    }

    /// Starts the new file with the part of the old one that matched.
    fn diverge(&mut self) -> io::Result<()> {
        let mut new = BufWriter::with_capacity(BUFFER, (self.start_new)()?);
        if self.matched > 0 {
            let mut old = File::open(&self.old_path)?.take(self.matched);
            io::copy(&mut old, &mut new)?;
        }
        self.old = None;
        self.new = Some(new);
        Ok(())
    }
}

impl<F: FnMut() -> io::Result<File>> Write for ChangedOnly<F> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.new.is_none() {
            if let Some(old) = &mut self.old {
                self.scratch.resize(buf.len(), 0);
                let mut got = 0;
                while got < buf.len() {
                    match old.read(&mut self.scratch[got..])? {
                        0 => break,
                        n => got += n,
                    }
                }
                if got == buf.len() && self.scratch == buf {
                    self.matched += got as u64;
                    return Ok(buf.len());
                }
            }
            self.diverge()?;
        }
        self.new.as_mut().expect("diverged").write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.new.as_mut().map_or(Ok(()), |new| new.flush())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `pieces` over a file holding `old` (none: no file); returns whether a new file was
    /// made and what it holds.
    fn rewrite(old: Option<&str>, pieces: &[&str]) -> (bool, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.csv");
        if let Some(old) = old {
            std::fs::write(&path, old).unwrap();
        }
        let new_path = dir.path().join(".data.csv.new");
        let mut w = ChangedOnly::new(&path, || File::create_new(&new_path));
        for p in pieces {
            w.write_all(p.as_bytes()).unwrap();
        }
        let changed = w.finish().unwrap();
        assert_eq!(changed, new_path.exists(), "a new file exists exactly when the bytes changed");
        (changed, std::fs::read_to_string(&new_path).unwrap_or_default())
    }

    #[test]
    fn the_same_bytes_in_any_pieces_write_nothing() {
        assert_eq!(
            rewrite(Some("年份,数值\n2021,52072\n"), &["年份,数值\n", "2021,", "52072\n"]),
            (false, String::new())
        );
        assert_eq!(rewrite(Some(""), &[]), (false, String::new()));
    }

    #[test]
    fn a_difference_past_the_buffers_keeps_what_matched_before_it() {
        // Pieces bigger than the read buffer, the difference well after the first one.
        let old: String = "甲乙丙丁,1\n".repeat(60_000);
        let mut new = old.clone();
        // Each line is 15 bytes; the digit of line 50,000, past twice the buffer, changes.
        let at = 50_000 * 15 + 13;
        assert!(at > 2 * BUFFER && &old[at..at + 1] == "1");
        new.replace_range(at..at + 1, "2");
        let pieces = [&new[..300_000], &new[300_000..]];
        assert_eq!(rewrite(Some(&old), &pieces), (true, new.clone()));
        assert_eq!(rewrite(Some(&new), &pieces), (false, String::new()));
    }

    #[test]
    fn a_new_file_that_cannot_be_made_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.csv");
        std::fs::write(&path, "a").unwrap();
        let mut w = ChangedOnly::new(&path, || Err(io::Error::other("disk full")));
        assert_eq!(w.write_all(b"a").map_err(|e| e.to_string()), Ok(()), "the same bytes need no new file");
        assert!(w.write_all(b"b").is_err(), "a difference needs one");
        let w = ChangedOnly::new(&dir.path().join("none.csv"), || Err(io::Error::other("disk full")));
        assert!(w.finish().is_err());
    }

    #[test]
    fn any_difference_writes_the_whole_new_file() {
        let new = ["年份,数值\n", "2021,", "52073\n"];
        assert_eq!(rewrite(Some("年份,数值\n2021,52072\n"), &new), (true, "年份,数值\n2021,52073\n".into()));
        // Longer, shorter, and no old file at all.
        assert_eq!(rewrite(Some("年份,数值\n"), &new), (true, new.concat()));
        assert_eq!(rewrite(Some("年份,数值\n2021,52073\n2022,1\n"), &new), (true, new.concat()));
        assert_eq!(rewrite(None, &new), (true, new.concat()));
        assert_eq!(rewrite(None, &[]), (true, String::new()));
    }
}
