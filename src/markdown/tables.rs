//! Author-written Markdown tables: a cell that holds a figure (15495万元, 87.21%, 约3万,
//! 6500余场次) is marked `class="num"`, so the theme right-aligns it on its digits and keeps the
//! number and its unit on one line, as it does in annalist's own tables.

use pulldown_cmark::Alignment;

/// Qualifiers a report writes before a number.
const BEFORE: [&str; 6] = ["约", "近", "超过", "逾", "不到", "不足"];

/// How many characters a unit after the number may have (万平方米 is four, 微克/立方米 six).
const MAX_UNIT: usize = 6;

/// Whether a cell's text is a figure: an optional qualifier and sign, digits (with a decimal
/// point or thousands separators), then nothing but a short unit of Chinese characters, `%`,
/// `‰` or `/` (万元, 件, 余场次, 万平方米, 微克/立方米).
pub fn is_figure(text: &str) -> bool {
    let t = text.trim();
    let t = BEFORE.iter().find_map(|q| t.strip_prefix(q)).unwrap_or(t);
    let t = t.strip_prefix(['+', '-', '−']).unwrap_or(t);
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(t.len());
    let unit = &t[end..];
    unit.chars().count() <= MAX_UNIT
        && unit.chars().all(|c| matches!(c, '%' | '‰' | '/') || matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF))
}

/// The opening tag of a body cell, as pulldown-cmark writes it (with the column's alignment),
/// and `class="num"` when the cell holds a figure.
pub fn td_open(align: Option<Alignment>, figure: bool) -> String {
    let class = if figure { " class=\"num\"" } else { "" };
    let style = match align {
        Some(Alignment::Left) => " style=\"text-align: left\"",
        Some(Alignment::Center) => " style=\"text-align: center\"",
        Some(Alignment::Right) => " style=\"text-align: right\"",
        _ => "",
    };
    format!("<td{class}{style}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_units_qualifiers_and_signs_are_figures() {
        for t in ["15495万元", "87.21%", "约3万", "6500余场次", " 85件 ", "1,500", "-3", "99.2分", "21.5微克/立方米"]
        {
            assert!(is_figure(t), "{t}");
        }
        for t in ["", "—", "行政复议", "第3名", "1.5 pp", "85件（含结转）", "A1", "2021年度工作要点汇总"]
        {
            assert!(!is_figure(t), "{t}");
        }
    }
}
