//! Word's automatic numbering (`word/numbering.xml`): the "一、" "（一）" "1." that Word draws
//! in front of a numbered paragraph but does not store in its text.
//!
//! A paragraph is numbered by a `w:numPr` (its own, or its style's): a list instance (`numId`)
//! and a level (`ilvl`). The instance points to an abstract definition whose level says the
//! counter's format (`decimal`, `chineseCounting`, `ideographTraditional`, …), its text
//! (`%1、`, `（%1）`, `%1.%2`) and where it starts. The counters are kept as Word keeps them:
//! one set per abstract definition (instances that share it continue one another) unless an
//! instance overrides a level's start, which gives it counters of its own; using a level
//! restarts the deeper ones, as each deeper level's `lvlRestart` allows. Bullets give no text.

use std::collections::HashMap;

use roxmltree::Node;

use super::docx::{child_val, is};

/// How one level of a list is numbered.
#[derive(Debug, Clone, Default)]
struct Level {
    /// The first value of the counter.
    start: u32,
    /// The counter's format (`decimal`, `chineseCounting`, `bullet`, …).
    format: String,
    /// The text with `%1`…`%9` standing for the counters of levels 1…9.
    text: String,
    /// The shallowest level (1-based) whose use restarts this one; `Some(0)` never restarts.
    restart: Option<u32>,
    /// Every counter in the text shown as a decimal number (legal numbering).
    legal: bool,
    /// What follows the number: `tab` (the default), `space` or `nothing`.
    suffix: String,
}

/// A list instance: its abstract definition, and the starts it overrides.
#[derive(Debug, Clone, Default)]
struct Instance {
    /// The abstract definition's id.
    abstract_id: String,
    /// Level → the start it begins at in this instance.
    starts: HashMap<u8, u32>,
    /// Level → a whole level definition this instance puts in place of the abstract one's.
    levels: HashMap<u8, Level>,
}

/// The numbering definitions of a Word file, and the counters as the paragraphs are read.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// Abstract definition id → its levels.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// Instance id (`numId`) → the instance.
    instances: HashMap<String, Instance>,
    /// List key (an abstract definition, or an instance with its own starts) → each level's
    /// counter, where the level has been used.
    counters: HashMap<String, [Option<u32>; 9]>,
}

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub(super) fn parse(doc: &roxmltree::Document) -> Numbering {
        let mut numbering = Numbering::default();
        for node in doc.root_element().children() {
            if is(&node, "abstractNum") {
                let Some(id) = attr(node, "abstractNumId") else { continue };
                numbering.abstracts.insert(id.to_owned(), levels(node));
            } else if is(&node, "num") {
                let Some(id) = attr(node, "numId") else { continue };
                let abstract_id = child_val(node, "abstractNumId").unwrap_or_default().to_owned();
                let mut instance = Instance { abstract_id, ..Instance::default() };
                for o in node.children().filter(|c| is(c, "lvlOverride")) {
                    let Some(ilvl) = attr(o, "ilvl").and_then(|v| v.parse::<u8>().ok()) else { continue };
                    if let Some(start) = child_val(o, "startOverride").and_then(|v| v.parse().ok()) {
                        instance.starts.insert(ilvl, start);
                    }
                    if let Some(lvl) = o.children().find(|c| is(c, "lvl")) {
                        instance.levels.insert(ilvl, level(lvl));
                    }
                }
                numbering.instances.insert(id.to_owned(), instance);
            }
        }
        numbering
    }

    /// The number text of the next paragraph of list `num_id` at level `ilvl` (with what
    /// follows it: nothing after 、 or ） and otherwise a space when Word puts a tab or space), and
    /// the counters moved on. `None` for a bullet, an unknown list or `numId` 0 (numbering
    /// switched off).
    pub(super) fn next(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let ilvl = ilvl.min(8);
        let instance = self.instances.get(num_id)?;
        let levels = self.abstracts.get(&instance.abstract_id);
        let level_of = |l: u8| instance.levels.get(&l).or_else(|| levels.and_then(|ls| ls.get(&l)));
        let this = level_of(ilvl)?.clone();
        let start_of = |l: u8| instance.starts.get(&l).copied().or_else(|| level_of(l).map(|v| v.start)).unwrap_or(1);
        let key = if instance.starts.is_empty() { format!("a{}", instance.abstract_id) } else { format!("n{num_id}") };
        let starts: Vec<u32> = (0..9).map(start_of).collect();
        let restarts: Vec<Option<u32>> = (0..9).map(|l| level_of(l).and_then(|v| v.restart)).collect();
        let formats: Vec<(String, bool)> =
            (0..9).map(|l| level_of(l).map(|v| (v.format.clone(), this.legal)).unwrap_or_default()).collect();
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let i = usize::from(ilvl);
        counters[i] = Some(counters[i].map_or(starts[i], |c| c.saturating_add(1)));
        for (deeper, counter) in counters.iter_mut().enumerate().skip(i + 1) {
            // A deeper level restarts when a level shallower than its lvlRestart is used.
            if restarts[deeper].is_none_or(|r| (i as u32) < r) {
                *counter = None;
            }
        }
        if this.format == "bullet" || this.format == "none" && !this.text.contains('%') {
            return None;
        }
        let mut text = this.text.clone();
        for l in (0..9).rev() {
            let placeholder = format!("%{}", l + 1);
            if text.contains(&placeholder) {
                let value = counters[l].unwrap_or(starts[l]);
                let (format, legal) = &formats[l];
                let format = if *legal { "decimal" } else { format.as_str() };
                text = text.replace(&placeholder, &format_number(value, format));
            }
        }
        let text = text.trim().to_owned();
        if text.is_empty() {
            return None;
        }
        let closed = text.ends_with(['、', '）', '．', '：', ':', '】', '〕']);
        let spaced = !closed && this.suffix != "nothing";
        Some(if spaced { format!("{text} ") } else { text })
    }
}

/// An attribute by its local name.
fn attr<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// The levels of an abstract definition.
fn levels(node: Node) -> HashMap<u8, Level> {
    node.children()
        .filter(|c| is(c, "lvl"))
        .filter_map(|lvl| Some((attr(lvl, "ilvl")?.parse::<u8>().ok()?, level(lvl))))
        .collect()
}

/// One level's definition.
fn level(lvl: Node) -> Level {
    Level {
        start: child_val(lvl, "start").and_then(|v| v.parse().ok()).unwrap_or(1),
        format: child_val(lvl, "numFmt").unwrap_or("decimal").to_owned(),
        text: child_val(lvl, "lvlText").unwrap_or_default().to_owned(),
        restart: child_val(lvl, "lvlRestart").and_then(|v| v.parse().ok()),
        legal: lvl.children().any(|c| is(&c, "isLgl") && child_on(c)),
        suffix: child_val(lvl, "suff").unwrap_or("tab").to_owned(),
    }
}

/// Whether an on/off element is on (no `w:val`, or a true one).
fn child_on(node: Node) -> bool {
    attr(node, "val").is_none_or(|v| !matches!(v, "0" | "false" | "off"))
}

/// A counter's value written in a numbering format, as Word draws it; formats annalist does
/// not know are written as decimal numbers.
pub(super) fn format_number(n: u32, format: &str) -> String {
    const TEN_STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
    const BRANCHES: [&str; 12] = ["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"];
    let cycle = |names: &[&str]| names[(n.max(1) as usize - 1) % names.len()].to_owned();
    let enclosed = |first: u32, max: u32| {
        (1..=max).contains(&n).then(|| char::from_u32(first + n - 1)).flatten().map(String::from)
    };
    let written = match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => Some(chinese(n, false)),
        "chineseLegalSimplified" | "ideographLegalTraditional" => Some(chinese(n, true)),
        "ideographTraditional" => Some(cycle(&TEN_STEMS)),
        "ideographZodiac" => Some(cycle(&BRANCHES)),
        "upperLetter" => Some(letters(n).to_uppercase()),
        "lowerLetter" => Some(letters(n)),
        "upperRoman" => Some(roman(n)),
        "lowerRoman" => Some(roman(n).to_lowercase()),
        "decimalZero" => Some(format!("{n:02}")),
        "decimalFullWidth" | "decimalFullWidth2" => {
            Some(n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect())
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(0x2460, 20),
        "decimalEnclosedParen" => enclosed(0x2474, 20),
        "decimalEnclosedFullstop" => enclosed(0x2488, 20),
        _ => None,
    };
    written.unwrap_or_else(|| n.to_string())
}

/// A number in Chinese numerals as Word's chineseCounting writes it （十一、二十、一百零五）, or
/// in the capital numerals of legal writing such as 壹拾壹.
fn chinese(n: u32, capital: bool) -> String {
    let digits: [&str; 10] = if capital {
        ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    } else {
        ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    };
    let units: [&str; 4] = if capital { ["", "拾", "佰", "仟"] } else { ["", "十", "百", "千"] };
    if n == 0 {
        return if capital { "零".into() } else { "〇".into() };
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let ds: Vec<u32> = (0..4).rev().map(|p| n / 10u32.pow(p) % 10).collect();
    let mut out = String::new();
    let mut zero = false;
    for (i, d) in ds.iter().enumerate() {
        let unit = units[3 - i];
        if *d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // Not 一十一 but 十一 — a leading one before 十 is not written, though 一百一十 keeps it.
        if !capital && *d == 1 && unit == "十" && out.is_empty() {
            out.push_str(unit);
            continue;
        }
        out.push_str(digits[*d as usize]);
        out.push_str(unit);
    }
    out
}

/// A number in letters as Word writes it: A…Z, then AA…ZZ, AAA…
fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let letter = char::from(b'a' + (n % 26) as u8);
    letter.to_string().repeat((n / 26 + 1).min(50) as usize)
}

/// A number in Roman numerals (upper case); above 3999 as a decimal number.
fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, part) in PARTS {
        while n >= value {
            out.push_str(part);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
#[path = "docx_numbering_tests.rs"]
mod tests;
