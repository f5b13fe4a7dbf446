//! The inverted index: for every term, the documents it occurs in and how strongly, split
//! into shards so the browser fetches only the few files a query's terms live in.
//!
//! A shard file is one JSON object, terms in sorted order, each mapped to a flat list of
//! `[doc gap, weight, doc gap, weight, …]`: the first gap is the document's number, each later
//! gap the difference from the previous document's, which keeps the numbers (and the file)
//! short. The index holds each list packed the same way ([`PostingList`]).

use super::postings::PostingList;
use super::tokens::{each_term, shard_of, Fnv, Term};
use crate::model::numbers::push_u64;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash};

/// The most documents an index holds (a document's number is a `u32`).
pub const MAX_DOCS: usize = u32::MAX as usize;

/// How many documents, on average, share one shard. Fewer shards mean fewer files; more
/// mean less to fetch per term on a big site.
const DOCS_PER_SHARD: usize = 256;

/// The most shards an index is split into.
const MAX_SHARDS: usize = 256;

/// How many shards an index of `docs` documents is split into: a power of two.
pub fn shard_count(docs: usize) -> usize {
    docs.div_ceil(DOCS_PER_SHARD).next_power_of_two().clamp(1, MAX_SHARDS)
}

/// Text of one document, in parts of different weight.
pub struct Fields<'a> {
    /// The title: a match here counts four times.
    pub title: &'a str,
    /// Names and labels around it (organisation, indicator labels): twice.
    pub labels: &'a str,
    /// More labels, as terms found once for every document that has them (the catalogue's
    /// indicator labels, which every report repeats): twice, as `labels`.
    pub shared: &'a [&'a Terms],
    /// The body: once.
    pub body: &'a str,
}

/// The terms of a text, found once for text that many documents share: Chinese terms by
/// their key, words as written (folded).
#[derive(Debug, Clone, Default)]
pub struct Terms {
    chinese: Vec<u64>,
    words: Vec<String>,
}

impl Terms {
    /// The terms of `text`, as [`each_term`] finds them.
    pub fn of(text: &str) -> Terms {
        let mut terms = Terms::default();
        each_term(text, |t| match (t.chinese_key(), t) {
            (Some(key), _) => terms.chinese.push(key),
            (None, Term::Word(w)) => terms.words.push(w.to_string()),
            (None, _) => {}
        });
        terms
    }

    /// How many there are.
    fn len(&self) -> usize {
        self.chinese.len() + self.words.len()
    }
}

/// A hasher for the numeric keys of Chinese terms: one multiplication, its high bits folded
/// down (the map takes its buckets from the low bits).
#[derive(Default)]
struct KeyHash(u64);

impl std::hash::Hasher for KeyHash {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        let h = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Postings by term. Chinese terms, most of any index, are keyed by number
/// ([`Term::chinese_key`]), words by text.
#[derive(Default)]
pub struct Postings {
    chinese: HashMap<u64, PostingList, BuildHasherDefault<KeyHash>>,
    words: HashMap<String, PostingList, BuildHasherDefault<Fnv>>,
}

impl Postings {
    fn add(&mut self, doc: usize, term: Term, weight: u32) {
        if let Some(key) = term.chinese_key() {
            self.add_chinese(doc, key, weight);
        } else if let Term::Word(word) = term {
            self.add_word(doc, word, weight);
        }
    }

    fn add_chinese(&mut self, doc: usize, key: u64, weight: u32) {
        self.chinese.entry(key).or_default().add(doc as u32, weight);
    }

    fn add_word(&mut self, doc: usize, word: &str, weight: u32) {
        match self.words.get_mut(word) {
            Some(list) => list.add(doc as u32, weight),
            None => self.words.entry(word.to_string()).or_default().add(doc as u32, weight),
        }
    }

    /// Adds document `doc`'s text; returns its length in terms.
    fn add_doc(&mut self, doc: usize, fields: &Fields) -> usize {
        let mut length = each_term(fields.title, |t| self.add(doc, t, 4))
            + each_term(fields.labels, |t| self.add(doc, t, 2))
            + each_term(fields.body, |t| self.add(doc, t, 1));
        for terms in fields.shared {
            terms.chinese.iter().for_each(|&key| self.add_chinese(doc, key, 2));
            terms.words.iter().for_each(|word| self.add_word(doc, word, 2));
            length += terms.len();
        }
        length
    }

    /// The postings of `self` followed by those of `later`, whose documents come after
    /// (rayon's `reduce` keeps the order of the runs it folds).
    fn merge(self, later: Postings) -> Postings {
        Postings { chinese: join(self.chinese, later.chinese), words: join(self.words, later.words) }
    }

    /// Every term as text with its postings.
    fn into_terms(self) -> impl Iterator<Item = (String, PostingList)> {
        self.chinese.into_iter().map(|(k, list)| (Term::chinese_text(k), list)).chain(self.words)
    }
}

/// Both maps in one, each term's postings of `earlier` before those of `later`; the smaller
/// map is walked.
fn join<K: Hash + Eq, S: BuildHasher>(
    mut earlier: HashMap<K, PostingList, S>,
    mut later: HashMap<K, PostingList, S>,
) -> HashMap<K, PostingList, S> {
    if earlier.len() >= later.len() {
        for (key, list) in later {
            earlier.entry(key).or_default().append(list);
        }
        earlier
    } else {
        for (key, mut list) in earlier {
            let after = later.entry(key).or_default();
            list.append(std::mem::take(after));
            *after = list;
        }
        later
    }
}

/// Indexes `count` documents in parallel; `text(i, f)` calls `f` with document `i`'s fields
/// (made on the spot, so the whole site's text is never held at once). Returns the postings
/// and each document's length in terms.
pub fn build<T>(count: usize, text: T) -> (Postings, Vec<usize>)
where
    T: Fn(usize, &mut dyn FnMut(&Fields)) + Sync,
{
    assert!(count < MAX_DOCS, "a search index holds at most {MAX_DOCS} documents");
    let (postings, mut lengths) = (0..count)
        .into_par_iter()
        .fold(
            || (Postings::default(), Vec::new()),
            |(mut postings, mut lengths), i| {
                text(i, &mut |fields| lengths.push((i, postings.add_doc(i, fields))));
                (postings, lengths)
            },
        )
        .reduce(
            || (Postings::default(), Vec::new()),
            |(a, mut la), (b, lb)| {
                la.extend(lb);
                (a.merge(b), la)
            },
        );
    lengths.sort_unstable();
    (postings, lengths.into_iter().map(|(_, n)| n).collect())
}

/// Writes the postings as `shards` JSON texts, handing each to `emit` with its number, one
/// shard at a time.
pub fn shards<E>(
    postings: Postings,
    shards: usize,
    mut emit: impl FnMut(usize, &str) -> Result<(), E>,
) -> Result<(), E> {
    let mut by_shard: Vec<Vec<(String, PostingList)>> = (0..shards).map(|_| Vec::new()).collect();
    for (term, list) in postings.into_terms() {
        by_shard[shard_of(&term, shards)].push((term, list));
    }
    for (n, mut entries) in by_shard.into_iter().enumerate() {
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut out = String::from("{");
        for (i, (term, list)) in entries.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(&term).expect("a string serialises"));
            out.push_str(":[");
            for (j, (gap, weight)) in list.gaps().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                push_u64(&mut out, u64::from(gap));
                out.push(',');
                push_u64(&mut out, u64::from(weight));
            }
            out.push(']');
        }
        out.push_str("}\n");
        emit(n, &out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::postings::MAX_WEIGHT;

    fn index(docs: &[(&str, &str, &str)]) -> (Postings, Vec<usize>) {
        build(docs.len(), |i, f| f(&Fields { title: docs[i].0, labels: docs[i].1, shared: &[], body: docs[i].2 }))
    }

    fn shard_texts(postings: Postings, n: usize) -> Vec<String> {
        let mut out = Vec::new();
        shards(postings, n, |_, text| {
            out.push(text.to_string());
            Ok::<(), ()>(())
        })
        .unwrap();
        out
    }

    #[test]
    fn weights_add_up_by_field_and_lengths_count_terms() {
        let (postings, lengths) = index(&[("复议", "", "复议 复议"), ("", "复议", ""), ("无关", "", "")]);
        let list = &postings.chinese[&Term::Pair('复', '议').chinese_key().unwrap()];
        assert_eq!(list.postings().collect::<Vec<_>>(), vec![(0, 4 + 2), (1, 2)]);
        assert_eq!(lengths, vec![3, 1, 1]);
    }

    #[test]
    fn shard_text_is_sorted_gap_coded_json() {
        let docs: Vec<(&str, &str, &str)> = (0..5).map(|i| ("", "", if i % 2 == 0 { "行政 x" } else { "x" })).collect();
        let texts = shard_texts(index(&docs).0, 1);
        let parsed: serde_json::Value = serde_json::from_str(&texts[0]).unwrap();
        assert_eq!(parsed["行政"], serde_json::json!([0, 1, 2, 1, 2, 1]));
        assert_eq!(parsed["x"], serde_json::json!([0, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        assert!(texts[0].find("\"x\"").unwrap() < texts[0].find("\"行政\"").unwrap());
    }

    #[test]
    fn weight_saturates_and_terms_land_in_their_shard() {
        let body = "复议 ".repeat(400);
        let (postings, _) = index(&[("", "", &body)]);
        let list = &postings.chinese[&Term::Pair('复', '议').chinese_key().unwrap()];
        assert_eq!(list.postings().collect::<Vec<_>>(), vec![(0, MAX_WEIGHT)]);
        let texts = shard_texts(index(&[("行政 复议 2021 pm", "", "")]).0, 4);
        for t in ["行政", "复议", "2021", "pm"] {
            assert!(texts[shard_of(t, 4)].contains(&format!("\"{t}\"")), "{t}");
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let docs: Vec<String> = (0..300).map(|i| format!("第{i}号 报告 行政复议 {}", i % 7)).collect();
        let run = || {
            let (p, _) = build(docs.len(), |i, f| f(&Fields { title: "", labels: "", shared: &[], body: &docs[i] }));
            shard_texts(p, 2)
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn a_parallel_build_equals_adding_every_document_in_turn() {
        // Enough documents for rayon to fold them in many runs and join those runs both ways
        // round (the smaller map first and the larger first).
        let docs: Vec<String> = (0..12_000)
            .map(|i| format!("行政复议 第{}号 {} 案件{}", i % 97, if i % 3 == 0 { "听证" } else { "" }, i))
            .collect();
        let fields = |i: usize| Fields { title: "", labels: "", shared: &[], body: &docs[i] };
        let (parallel, _) = build(docs.len(), |i, f| f(&fields(i)));
        let mut one_by_one = Postings::default();
        for i in 0..docs.len() {
            one_by_one.add_doc(i, &fields(i));
        }
        assert_eq!(shard_texts(parallel, 4), shard_texts(one_by_one, 4));
    }

    #[test]
    fn joining_keeps_earlier_documents_first_whichever_map_is_larger() {
        let run = |docs: std::ops::Range<usize>, extra: bool| {
            let mut p = Postings::default();
            for i in docs {
                p.add_doc(
                    i,
                    &Fields {
                        title: "",
                        labels: "",
                        shared: &[],
                        body: if extra { "复议 听证 诉讼 调解" } else { "复议" },
                    },
                );
            }
            p
        };
        let key = Term::Pair('复', '议').chinese_key().unwrap();
        for (small_first, earlier, later) in
            [(true, run(0..2, false), run(2..5, true)), (false, run(0..3, true), run(3..4, false))]
        {
            let joined = earlier.merge(later);
            let docs: Vec<u32> = joined.chinese[&key].postings().map(|(d, _)| d).collect();
            assert_eq!(docs, (0..if small_first { 5 } else { 4 }).collect::<Vec<u32>>());
        }
    }

    #[test]
    fn shared_terms_count_as_labels_written_out() {
        let (a, b) = (Terms::of("行政复议纠错率 PM2.5"), Terms::of("出庭应诉率"));
        let written = build(2, |i, f| {
            let labels = ["甲区 2021 行政复议纠错率 PM2.5 12.5 出庭应诉率 87", "乙区 出庭应诉率 3"][i];
            f(&Fields { title: "报告", labels, shared: &[], body: "正文 复议" })
        });
        let (both, one) = ([&a, &b], [&b]);
        let shared = build(2, |i, f| {
            let (labels, shared): (&str, &[&Terms]) = [("甲区 2021 12.5 87", &both[..]), ("乙区 3", &one[..])][i];
            f(&Fields { title: "报告", labels, shared, body: "正文 复议" })
        });
        assert_eq!(shared.1, written.1);
        assert_eq!(shard_texts(shared.0, 2), shard_texts(written.0, 2));
    }

    #[test]
    fn shard_counts() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(256), 1);
        assert_eq!(shard_count(257), 2);
        assert_eq!(shard_count(10_000), 64);
        assert_eq!(shard_count(10_000_000), MAX_SHARDS);
    }
}
