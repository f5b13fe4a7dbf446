//! A document's text as the Markdown body of a report: headings from the report's own
//! numbering, paragraphs, tables, and Chinese punctuation made full-width. Figures are left
//! exactly as written.

use super::document::Block;

/// The longest a line may be to be taken for a numbered heading (一、总体情况): a longer one
/// is a paragraph that happens to start with a number.
const MAX_HEADING_CHARS: usize = 40;

/// The blocks as a Markdown body.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        let piece = match block {
            Block::Heading(level, text) => {
                format!("{} {}", "#".repeat(usize::from((*level).clamp(1, 5)) + 1), full_width(text))
            }
            Block::Paragraph(text) => paragraph(text),
            Block::Table(rows) => table(rows),
        };
        if piece.trim().is_empty() {
            continue;
        }
        out.push_str(&piece);
        out.push_str("\n\n");
    }
    out.trim_end().to_string() + "\n"
}

/// A paragraph, or a heading where it is a short line opening with the report's numbering:
/// 一、 → `##`, （一） → `###`, 1. or 1、 → `####`.
fn paragraph(text: &str) -> String {
    let text = full_width(text.trim());
    let short = text.chars().count() <= MAX_HEADING_CHARS && !text.ends_with(['。', '；', '：']);
    match numbering_level(&text) {
        Some(level) if short => format!("{} {}", "#".repeat(level), text),
        _ => escape_markdown_start(&text),
    }
}

/// The heading level a line's numbering gives it, if it opens with one.
fn numbering_level(text: &str) -> Option<usize> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut chars = text.chars();
    let first = chars.next()?;
    if NUMERALS.contains(first) {
        let rest = text.trim_start_matches(|c| NUMERALS.contains(c));
        return rest.starts_with('、').then_some(2);
    }
    if first == '（' || first == '(' {
        let inner = text[first.len_utf8()..].trim_start_matches(|c| NUMERALS.contains(c));
        return (inner.len() < text.len() - first.len_utf8() && inner.starts_with(['）', ')'])).then_some(3);
    }
    if first.is_ascii_digit() {
        let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
        let numbered = rest.starts_with(['、', '．'])
            || (rest.starts_with('.') && !rest[1..].starts_with(|c: char| c.is_ascii_digit()));
        return numbered.then_some(4);
    }
    None
}

/// A paragraph that Markdown would read as something else at its start (a list, a heading,
/// a quote) keeps its text: the marker is escaped.
fn escape_markdown_start(text: &str) -> String {
    let starts_block = text.starts_with(['#', '>', '-', '+', '*', '|'])
        || text.starts_with(|c: char| c.is_ascii_digit())
            && text.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(". ");
    if starts_block {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

/// A table as a Markdown table; its first row is the header.
fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let line = |row: &[String]| {
        let cells: Vec<String> = (0..width)
            .map(|i| {
                row.get(i).map(|c| full_width(c.trim()).replace('|', "\\|").replace('\n', " ")).unwrap_or_default()
            })
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![line(&rows[0]), format!("|{}", " --- |".repeat(width))];
    out.extend(rows[1..].iter().map(|r| line(r)));
    out.join("\n")
}

/// Half-width , ; : ( ) ! ? next to Chinese characters made full-width, as Chinese is set;
/// numbers, URLs and Latin text keep theirs (3,5 and 10:30 and http:// are left alone). The
/// marks are the ones `annalist check`'s typography rule flags, so an imported draft passes it.
pub fn full_width(text: &str) -> String {
    let found = crate::compute::typography::in_text(text);
    let mut out = String::with_capacity(text.len() + 2 * found.len());
    let mut from = 0;
    for (at, wide) in found {
        out.push_str(&text[from..at]);
        out.push(wide);
        // Every flagged mark is one ASCII byte.
        from = at + 1;
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_next_to_chinese_is_full_width_and_the_rest_is_left_alone() {
        assert_eq!(full_width("例如:一窗通办,办结85件;(单位:%)"), "例如：一窗通办，办结85件；（单位：%）");
        assert_eq!(
            full_width("见 https://example.org/a,b 和 3,5 与 10:30"),
            "见 https://example.org/a,b 和 3,5 与 10:30"
        );
        assert_eq!(full_width("共1,865件"), "共1,865件", "a number's comma is the number's");
        assert_eq!(full_width("是否完成?是!"), "是否完成？是！");
    }

    #[test]
    fn numbering_makes_headings_and_long_numbered_lines_stay_paragraphs() {
        let blocks = [
            Block::Paragraph("一、主要举措和成效".into()),
            Block::Paragraph("(一)深化行政复议改革".into()),
            Block::Paragraph("1.完善制度".into()),
            Block::Paragraph("2021年,全区办结行政复议案件85件,同比增长12%。".into()),
            Block::Paragraph("一、全年共收到申请120件,办结110件,其余正在办理中,预计下月办结。".into()),
        ];
        let md = markdown(&blocks);
        assert!(md.contains("## 一、主要举措和成效\n"), "{md}");
        assert!(md.contains("### （一）深化行政复议改革\n"), "{md}");
        assert!(md.contains("#### 1.完善制度\n"), "{md}");
        assert!(md.contains("\n2021年，全区办结行政复议案件85件，同比增长12%。\n"), "a year is no numbering: {md}");
        assert!(md.contains("\n一、全年共收到申请120件，办结110件，其余正在办理中，预计下月办结。"), "{md}");
    }

    #[test]
    fn tables_become_markdown_tables() {
        let md = markdown(&[Block::Table(vec![
            vec!["指标".into(), "数值".into()],
            vec!["办结案件".into(), "85|件".into()],
        ])]);
        assert_eq!(md, "| 指标 | 数值 |\n| --- | --- |\n| 办结案件 | 85\\|件 |\n");
    }
}
