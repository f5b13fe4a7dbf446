//! The words a report puts before or after a number to say it is not exact: 约, 余, 以上 …
//!
//! Each word has one meaning (DESIGN.md's table), and the meaning decides what a value may be
//! used for: a bound (以上, 超过, 以下, 不到 …) is never differenced; an approximate value (约,
//! 余, 近 …) may be, but the change is marked approximate.

use serde::{Serialize, Serializer};
use std::fmt;

/// A qualifier as the report writes it, one variant per word. It shows and serialises as
/// the word ("约"), which is what a data file gives beside the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// 约: about (before the number).
    About,
    /// 近: nearly, just under (before the number).
    Nearly,
    /// 超过: more than, the number excluded (before the number).
    Over,
    /// 逾: more than, roughly (before the number).
    Exceeding,
    /// 不到: less than, the number excluded (before the number).
    Under,
    /// 不足: less than, the number excluded (before the number).
    ShortOf,
    /// 余: more than, roughly — "1500-odd" (after the number).
    Odd,
    /// 多: more than, roughly (after the number).
    More,
    /// 左右: about (after the number).
    Around,
    /// 以上: at least, the number included as Chinese law reads it (after the number).
    AndAbove,
    /// 以下: at most, the number included (after the number).
    AndBelow,
    /// 以内: at most, the number included (after the number).
    Within,
}

/// Where a qualifier is written: before the number (约3万) or after it (3万左右).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// 约 近 超过 逾 不到 不足.
    Before,
    /// 余 多 左右 以上 以下 以内.
    After,
}

/// What a qualifier says about the true value, as DESIGN.md's table reads each word. It
/// serialises in snake case ("more_than_roughly").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    /// 约, 左右: about.
    About,
    /// 余, 多, 逾: more than, roughly.
    MoreThanRoughly,
    /// 近: nearly (just under).
    Nearly,
    /// 以上: at least (the number included).
    AtLeast,
    /// 超过: more than (the number excluded).
    MoreThan,
    /// 以下, 以内: at most (the number included).
    AtMost,
    /// 不到, 不足: less than (the number excluded).
    LessThan,
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl Serialize for Qualifier {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl Qualifier {
    /// Every qualifier, those written before the number first, in DESIGN.md's order.
    pub const ALL: [Qualifier; 12] = [
        Qualifier::About,
        Qualifier::Nearly,
        Qualifier::Over,
        Qualifier::Exceeding,
        Qualifier::Under,
        Qualifier::ShortOf,
        Qualifier::Odd,
        Qualifier::More,
        Qualifier::Around,
        Qualifier::AndAbove,
        Qualifier::AndBelow,
        Qualifier::Within,
    ];

    /// What the old key `approx: true` stands for: 约.
    pub const APPROX: Qualifier = Qualifier::About;
    /// What the old key `bound: above` stands for: 以上.
    pub const BOUND_ABOVE: Qualifier = Qualifier::AndAbove;
    /// What the old key `bound: below` stands for: 以下.
    pub const BOUND_BELOW: Qualifier = Qualifier::AndBelow;

    /// The qualifier an old `bound:` value stands for ("above" → 以上, "below" → 以下).
    pub fn from_bound_key(value: &str) -> Option<Qualifier> {
        match value {
            "above" => Some(Self::BOUND_ABOVE),
            "below" => Some(Self::BOUND_BELOW),
            _ => None,
        }
    }

    /// The Chinese word, as written in a report.
    pub fn text(self) -> &'static str {
        match self {
            Qualifier::About => "约",
            Qualifier::Nearly => "近",
            Qualifier::Over => "超过",
            Qualifier::Exceeding => "逾",
            Qualifier::Under => "不到",
            Qualifier::ShortOf => "不足",
            Qualifier::Odd => "余",
            Qualifier::More => "多",
            Qualifier::Around => "左右",
            Qualifier::AndAbove => "以上",
            Qualifier::AndBelow => "以下",
            Qualifier::Within => "以内",
        }
    }

    /// The qualifier written as `word`, if it is one of the twelve.
    pub fn from_word(word: &str) -> Option<Qualifier> {
        Self::ALL.into_iter().find(|q| q.text() == word)
    }

    /// Whether the word goes before the number or after it.
    pub fn placement(self) -> Placement {
        match self {
            Qualifier::About
            | Qualifier::Nearly
            | Qualifier::Over
            | Qualifier::Exceeding
            | Qualifier::Under
            | Qualifier::ShortOf => Placement::Before,
            _ => Placement::After,
        }
    }

    /// What the word says about the true value.
    pub fn meaning(self) -> Meaning {
        match self {
            Qualifier::About | Qualifier::Around => Meaning::About,
            Qualifier::Odd | Qualifier::More | Qualifier::Exceeding => Meaning::MoreThanRoughly,
            Qualifier::Nearly => Meaning::Nearly,
            Qualifier::AndAbove => Meaning::AtLeast,
            Qualifier::Over => Meaning::MoreThan,
            Qualifier::AndBelow | Qualifier::Within => Meaning::AtMost,
            Qualifier::Under | Qualifier::ShortOf => Meaning::LessThan,
        }
    }

    /// A bound (以上, 超过, 以下, 以内, 不到, 不足): the value is never differenced.
    pub fn is_bound(self) -> bool {
        self.meaning().is_bound()
    }

    /// Approximate (约, 左右, 余, 多, 逾, 近): a change involving the value is marked approximate.
    pub fn is_approximate(self) -> bool {
        self.meaning().is_approximate()
    }

    /// The English text before the number: "about ", "nearly ", "≥ " …; empty for 余/多/逾.
    pub fn english_prefix(self) -> &'static str {
        self.meaning().english_prefix()
    }

    /// The English text after the number (and its unit): "+" for 余/多/逾, else empty.
    pub fn english_suffix(self) -> &'static str {
        self.meaning().english_suffix()
    }

    /// `number` (already written with its unit, "30,000 cases") in DESIGN.md's English form:
    /// "about 30,000 cases", "1,500+ cases", "≥ 90%".
    pub fn english_format(self, number: &str) -> String {
        format!("{}{}{}", self.english_prefix(), number, self.english_suffix())
    }

    /// The words written before the number, joined for messages: "约 近 超过 逾 不到 不足".
    pub(crate) fn list(placement: Placement) -> String {
        let words: Vec<&str> =
            Self::ALL.into_iter().filter(|q| q.placement() == placement).map(Qualifier::text).collect();
        words.join(" ")
    }
}

impl Meaning {
    /// At least, more than, at most, less than: one side of the value is open, so it is never
    /// differenced.
    pub fn is_bound(self) -> bool {
        matches!(self, Meaning::AtLeast | Meaning::MoreThan | Meaning::AtMost | Meaning::LessThan)
    }

    /// About, more than roughly, nearly: a change involving it is marked approximate.
    pub fn is_approximate(self) -> bool {
        matches!(self, Meaning::About | Meaning::MoreThanRoughly | Meaning::Nearly)
    }

    /// The English text before the number (DESIGN.md's table).
    pub fn english_prefix(self) -> &'static str {
        match self {
            Meaning::About => "about ",
            Meaning::MoreThanRoughly => "",
            Meaning::Nearly => "nearly ",
            Meaning::AtLeast => "≥ ",
            Meaning::MoreThan => "> ",
            Meaning::AtMost => "≤ ",
            Meaning::LessThan => "< ",
        }
    }

    /// The English text after the number: "+" for more than, roughly ("1,500+").
    pub fn english_suffix(self) -> &'static str {
        match self {
            Meaning::MoreThanRoughly => "+",
            _ => "",
        }
    }
}
