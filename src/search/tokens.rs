//! How text becomes search terms. The browser's `search.js` cuts a query into terms by the same
//! rules, so the two must change together.
//!
//! - Full-width letters and digits count as their ASCII forms (`２０２１` is `2021`), and Latin
//!   letters as lower case.
//! - A run of Chinese characters gives every pair of neighbours (行政复议 → 行政, 政复, 复议): a
//!   word of two or more characters is found wherever it stands, with no dictionary. A lone
//!   character between other kinds of text is a term of its own.
//! - A run of letters and digits is one term (`pm2`, `2021`), and so is a decimal number (`87.21`).
//! - Everything else (punctuation, spaces, symbols) separates terms.

/// The longest term kept: longer runs of letters and digits (hashes, URLs run together) are
/// cut, so no term can make the index large.
pub const MAX_TERM_CHARS: usize = 40;

/// Whether `c` is a Chinese character (a CJK unified or compatibility ideograph, or 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

/// `c` as the index compares it: full-width ASCII folded to ASCII, ASCII letters lower-cased.
/// Other letters are lower-cased only when that gives a single character, as in the browser.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_han(c) || is_common_punctuation(c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Whether `c` (folded) belongs to a word of letters and digits.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_common_punctuation(c) && c.is_alphanumeric() && !is_han(c)
}

/// The punctuation of Chinese text (general punctuation such as “ ” — …, and the CJK marks
/// 、。《》「」【】): neither letters nor digits, and their own lower case, which the
/// character tables would otherwise be searched to learn for every one.
fn is_common_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3011 | 0x3014..=0x301F)
}

/// One term, as [`each_term`] gives it: Chinese terms as characters, so an index can key them
/// by number without making a string for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    /// Two neighbouring Chinese characters.
    Pair(char, char),
    /// A Chinese character standing alone.
    Lone(char),
    /// A word or number (folded).
    Word(&'a str),
}

impl Term<'_> {
    /// A number for a Chinese term, unique to it (a character fits in 21 bits); `None` for a word.
    pub fn chinese_key(self) -> Option<u64> {
        match self {
            Term::Pair(a, b) => Some((u64::from(a) << 21) | u64::from(b)),
            Term::Lone(a) => Some((1 << 42) | u64::from(a)),
            Term::Word(_) => None,
        }
    }

    /// The Chinese term whose [`Term::chinese_key`] is `key`, as text.
    pub fn chinese_text(key: u64) -> String {
        let char_of = |bits: u64| char::from_u32((bits & 0x1F_FFFF) as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
        if key >> 42 == 1 {
            char_of(key).to_string()
        } else {
            [char_of(key >> 21), char_of(key)].iter().collect()
        }
    }
}

/// Calls `term` with every term of `text`, in order; returns how many there were. One pass
/// over the characters, folding each as it comes (a text is never copied into a buffer of
/// characters: the index reads every report's whole text).
pub fn each_term(text: &str, mut term: impl FnMut(Term)) -> usize {
    let mut chars = text.chars().map(fold as fn(char) -> char).peekable();
    let mut count = 0;
    let mut buf = String::new();
    while let Some(c) = chars.next() {
        if is_han(c) {
            let (mut previous, mut alone) = (c, true);
            while let Some(next) = chars.next_if(|&n| is_han(n)) {
                term(Term::Pair(previous, next));
                count += 1;
                (previous, alone) = (next, false);
            }
            if alone {
                term(Term::Lone(c));
                count += 1;
            }
        } else if is_word(c) {
            buf.clear();
            buf.push(c);
            let mut len = 1;
            while let Some(&next) = chars.peek() {
                // A point between digits stays inside a number: 87.21.
                let decimal_point = next == '.'
                    && buf.ends_with(|d: char| d.is_ascii_digit())
                    && chars.clone().nth(1).is_some_and(|d| d.is_ascii_digit());
                if !(is_word(next) || decimal_point) {
                    break;
                }
                if len < MAX_TERM_CHARS {
                    buf.push(next);
                    len += 1;
                }
                chars.next();
            }
            term(Term::Word(&buf));
            count += 1;
        }
    }
    count
}

/// Calls `term` with every term of `text` as text, in order; returns how many there were.
pub fn terms(text: &str, mut term: impl FnMut(&str)) -> usize {
    let mut buf = String::new();
    each_term(text, |t| match t {
        Term::Word(w) => term(w),
        Term::Pair(a, b) => {
            buf.clear();
            buf.extend([a, b]);
            term(&buf);
        }
        Term::Lone(a) => {
            buf.clear();
            buf.push(a);
            term(&buf);
        }
    })
}

/// 32-bit FNV-1a: the hash the index and the browser agree on, and a fast hasher for the
/// index's short keys (the standard library's is built to resist attacks, not for speed).
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u32);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0x811c_9dc5)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u32::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }

    fn finish(&self) -> u64 {
        u64::from(self.0)
    }
}

/// The shard a term's postings live in: FNV-1a over its UTF-8 bytes, modulo the shard count
/// (a power of two). The browser computes the same to know which file to fetch.
pub fn shard_of(term: &str, shards: usize) -> usize {
    let mut h = Fnv::default();
    std::hash::Hasher::write(&mut h, term.as_bytes());
    h.0 as usize & (shards - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let n = terms(text, |t| out.push(t.to_string()));
        assert_eq!(n, out.len());
        out
    }

    /// The terms as the first version found them: every character folded into a buffer first,
    /// then read by index.
    fn each_term_by_buffer(text: &str, mut term: impl FnMut(Term)) -> usize {
        let chars: Vec<char> = text.chars().map(fold).collect();
        let mut count = 0;
        let mut buf = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if is_han(c) {
                let start = i;
                while i < chars.len() && is_han(chars[i]) {
                    i += 1;
                }
                if i - start == 1 {
                    term(Term::Lone(c));
                    count += 1;
                }
                for pair in chars[start..i].windows(2) {
                    term(Term::Pair(pair[0], pair[1]));
                    count += 1;
                }
            } else if is_word(c) {
                buf.clear();
                let mut len = 0;
                while i < chars.len() {
                    let c = chars[i];
                    let decimal_point = c == '.'
                        && buf.ends_with(|d: char| d.is_ascii_digit())
                        && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
                    if !(is_word(c) || decimal_point) {
                        break;
                    }
                    if len < MAX_TERM_CHARS {
                        buf.push(c);
                        len += 1;
                    }
                    i += 1;
                }
                term(Term::Word(&buf));
                count += 1;
            } else {
                i += 1;
            }
        }
        count
    }

    #[test]
    fn one_pass_finds_the_terms_a_buffer_of_characters_did() {
        let owned = |t: Term| match t {
            Term::Word(w) => format!("w:{w}"),
            Term::Pair(a, b) => format!("p:{a}{b}"),
            Term::Lone(a) => format!("l:{a}"),
        };
        let long_word = format!("x{}", "9".repeat(60));
        let texts = [
            "",
            "法",
            "法 治",
            "行政复议案件87.21%,较上年下降3.5个百分点。",
            "PM2.5 降至 30.5%;版本 1.2.3. end. 2021.",
            "12.",
            ".5 和 5. 与 5.x",
            "２０２１年ＰＭ２．５",
            "Über ÉTAT İstanbul ǅ",
            "〇一二 𠀀𠀁𠀂 々",
            "一、总体情况\n(一)依法行政\n- 甲\n| 表 | 头 |",
            long_word.as_str(),
        ];
        for text in texts {
            let (mut one_pass, mut buffered) = (Vec::new(), Vec::new());
            let n = each_term(text, |t| one_pass.push(owned(t)));
            let m = each_term_by_buffer(text, |t| buffered.push(owned(t)));
            assert_eq!(one_pass, buffered, "{text:?}");
            assert_eq!(n, m, "{text:?}");
        }
    }

    #[test]
    fn chinese_runs_become_pairs_and_lone_characters_stay() {
        assert_eq!(all("行政复议"), ["行政", "政复", "复议"]);
        assert_eq!(all("2021年,共"), ["2021", "年", "共"]);
        assert_eq!(all("出庭应诉率"), ["出庭", "庭应", "应诉", "诉率"]);
    }

    #[test]
    fn words_and_numbers_are_whole_terms() {
        assert_eq!(all("PM2.5 降至 30.5%"), ["pm2.5", "降至", "30.5"]);
        assert_eq!(all("版本 1.2.3."), ["版本", "1.2.3"]);
        assert_eq!(all("end. Next"), ["end", "next"]);
        assert_eq!(all("Über ÉTAT"), ["über", "état"]);
    }

    #[test]
    fn the_punctuation_shortcut_agrees_with_the_character_tables() {
        for c in (0x2000..=0x206F).chain(0x3000..=0x3004).chain(0x3008..=0x3011).chain(0x3014..=0x301F) {
            let c = char::from_u32(c).unwrap();
            assert!(is_common_punctuation(c));
            assert!(!c.is_alphanumeric() && !is_han(c), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
        assert!(!is_common_punctuation('々') && !is_common_punctuation('〇'));
    }

    #[test]
    fn full_width_forms_fold_to_ascii() {
        assert_eq!(all("２０２１年ＰＭ"), ["2021", "年", "pm"]);
    }

    #[test]
    fn separators_and_long_runs() {
        assert_eq!(all("——,。!  \n"), Vec::<String>::new());
        let long = "a".repeat(100);
        assert_eq!(all(&long), ["a".repeat(MAX_TERM_CHARS)]);
    }

    #[test]
    fn chinese_keys_are_unique_and_give_their_text_back() {
        let mut keys = Vec::new();
        each_term("行政复议 法 𠀀𠀁", |t| {
            let text = match t {
                Term::Pair(a, b) => format!("{a}{b}"),
                Term::Lone(a) => a.to_string(),
                Term::Word(_) => unreachable!(),
            };
            keys.push((t.chinese_key().unwrap(), text));
        });
        for (key, text) in &keys {
            assert_eq!(&Term::chinese_text(*key), text);
        }
        let mut unique: Vec<u64> = keys.iter().map(|(k, _)| *k).collect();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys.len());
        assert_eq!(Term::Word("pm").chinese_key(), None);
    }

    #[test]
    fn shards_are_stable_and_in_range() {
        // Fixed values: search.js must compute the same (FNV-1a of the UTF-8 bytes).
        assert_eq!(shard_of("行政", 1 << 31), 0xe8f6_65dd & ((1 << 31) - 1));
        assert_eq!(shard_of("a", 1 << 31), 0xe40c292c & ((1 << 31) - 1));
        // Fewer shards take the low bits of the same hash, as the browser's `h & (shards - 1)`.
        assert_eq!(shard_of("行政", 16), 0xe8f6_65dd & 15);
    }
}
