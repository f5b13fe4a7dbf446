//! One term's postings, packed the way its shard file writes them: for each document the term
//! occurs in, the gap from the previous document and the term's weight there. Gaps are small
//! for the terms that occur most, so a posting takes two or three bytes instead of a word, and
//! the index of a big site is held in a fraction of the memory.

/// Most weight one term can carry in one document (the count saturates there).
pub const MAX_WEIGHT: u32 = 255;

/// A term's postings in document order: per document, the gap from the previous one (for the
/// first, the document's number) as a LEB128 varint, then the weight in one byte.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostingList {
    bytes: Vec<u8>,
    /// The number of the last document listed (0 while the list is empty).
    last: u32,
}

impl PostingList {
    /// Adds `weight` for `doc`: to its posting when `doc` is the last document listed, else as
    /// a new posting. Documents normally come in ascending order; one that does not is merged
    /// into its place, which rewrites the list (the index never does this: it adds each run
    /// of documents in order).
    pub fn add(&mut self, doc: u32, weight: u32) {
        if let Some(w) = self.bytes.last_mut().filter(|_| self.last == doc) {
            *w = (u32::from(*w) + weight).min(MAX_WEIGHT) as u8;
        } else if self.bytes.is_empty() || doc > self.last {
            let gap = if self.bytes.is_empty() { doc } else { doc - self.last };
            push_varint(&mut self.bytes, gap);
            self.bytes.push(weight.min(MAX_WEIGHT) as u8);
            self.last = doc;
        } else {
            let mut one = PostingList::default();
            one.add(doc, weight);
            self.append(one);
        }
    }

    /// Adds every posting of `other`. When all of its documents come after this list's (the
    /// usual case: the index is built in runs of ascending documents), its bytes are copied
    /// after a new first gap; otherwise the two lists are merged document by document, and
    /// the weights of a document in both are added.
    pub fn append(&mut self, other: PostingList) {
        let Some((first, used)) = read_varint(&other.bytes) else { return };
        if self.bytes.is_empty() {
            *self = other;
        } else if first > self.last {
            self.bytes.reserve_exact(other.bytes.len() - used + 5);
            push_varint(&mut self.bytes, first - self.last);
            self.bytes.extend_from_slice(&other.bytes[used..]);
            self.last = other.last;
        } else {
            let mut all: Vec<(u32, u32)> = self.postings().chain(other.postings()).collect();
            all.sort_by_key(|&(doc, _)| doc);
            let mut merged = PostingList::default();
            for (doc, weight) in all {
                merged.add(doc, weight);
            }
            *self = merged;
        }
    }

    /// The postings as written: (gap from the previous document, weight), the first gap being
    /// the first document's number.
    pub fn gaps(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut rest = self.bytes.as_slice();
        std::iter::from_fn(move || {
            let (gap, used) = read_varint(rest)?;
            let weight = *rest.get(used)?;
            rest = &rest[used + 1..];
            Some((gap, u32::from(weight)))
        })
    }

    /// The postings as (document, weight), in ascending document order.
    pub fn postings(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.gaps().scan(0u32, |doc, (gap, weight)| {
            *doc += gap;
            Some((*doc, weight))
        })
    }
}

/// Appends `n` as a LEB128 varint: seven bits a byte, low bits first, the top bit set on every
/// byte but the last.
fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The varint at the start of `bytes` and how many bytes it takes; `None` when `bytes` is
/// empty or ends inside one.
fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        n |= u32::from(b & 0x7F) << (7 * i);
        if b < 0x80 {
            return Some((n, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(postings: &[(u32, u32)]) -> PostingList {
        let mut l = PostingList::default();
        for &(doc, weight) in postings {
            l.add(doc, weight);
        }
        l
    }

    #[test]
    fn varints_round_trip_at_every_width() {
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152, u32::MAX] {
            let mut bytes = Vec::new();
            push_varint(&mut bytes, n);
            assert_eq!(read_varint(&bytes), Some((n, bytes.len())), "{n}");
        }
        assert_eq!(read_varint(&[]), None);
        assert_eq!(read_varint(&[0x80]), None, "a varint cut short");
    }

    #[test]
    fn postings_keep_documents_gaps_and_weights() {
        let l = list(&[(0, 1), (0, 2), (5, 4), (300, 1), (300, 1), (70_000, 2)]);
        assert_eq!(l.postings().collect::<Vec<_>>(), vec![(0, 3), (5, 4), (300, 2), (70_000, 2)]);
        assert_eq!(l.gaps().collect::<Vec<_>>(), vec![(0, 3), (5, 4), (295, 2), (69_700, 2)]);
    }

    #[test]
    fn weight_saturates() {
        let l = list(&[(3, 200), (3, 200), (4, 1000)]);
        assert_eq!(l.postings().collect::<Vec<_>>(), vec![(3, MAX_WEIGHT), (4, MAX_WEIGHT)]);
    }

    #[test]
    fn appending_a_later_run_equals_adding_it() {
        let (a, b) = (&[(1, 1), (9, 2)][..], &[(10, 1), (200, 3), (201, 1)][..]);
        let mut joined = list(a);
        joined.append(list(b));
        assert_eq!(joined, list(&[a, b].concat()));
        let mut from_empty = PostingList::default();
        from_empty.append(list(b));
        from_empty.append(PostingList::default());
        assert_eq!(from_empty, list(b));
    }

    #[test]
    fn documents_out_of_order_are_merged_into_place() {
        let mut l = list(&[(5, 1), (9, 1)]);
        l.append(list(&[(2, 1), (9, 2), (12, 1)]));
        l.add(7, 1);
        assert_eq!(l.postings().collect::<Vec<_>>(), vec![(2, 1), (5, 1), (7, 1), (9, 3), (12, 1)]);
    }
}
