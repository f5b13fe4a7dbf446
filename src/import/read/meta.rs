//! The year a report is on, from what its document says of itself.
//!
//! The year reported on is not the year of publication: a 2022 report comes out in 2023. So,
//! in order: the first "YYYY年" of the title ("2022年法治政府建设年度报告", "关于2022年度…的
//! 报告"); else the year the text opens with ("2022年，我区…", "2022年以来…"); else, for a piece
//! whose title names no year (a news report on the work), the publication date's year, or the
//! year before it when it came out in January to March — when the year's reports and the
//! reviews of the year before are published (reports are due by the end of March).

use crate::import::{Block, Document};

/// The earliest and latest years taken for a report's year.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The year the document reports on, if it says (see the module's doc).
pub(super) fn reported_year(doc: &Document) -> Option<i32> {
    if let Some(year) = doc.title.as_deref().and_then(first_year) {
        return Some(year);
    }
    let opening = doc.blocks.iter().find_map(|b| match b {
        Block::Paragraph(t) if t.chars().count() >= 10 => Some(t.as_str()),
        _ => None,
    });
    if let Some(year) = opening.and_then(opening_year) {
        return Some(year);
    }
    let published = doc.published.as_deref()?;
    let year: i32 = published.get(..4)?.parse().ok()?;
    let month: u32 = published.get(5..7)?.parse().ok()?;
    let year = if month <= 3 { year - 1 } else { year };
    YEARS.contains(&year).then_some(year)
}

/// The first "YYYY年" in a text, with a plausible year (not the tail of a longer number).
pub(crate) fn first_year(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find('年').map(|i| from + i) {
        from = at + '年'.len_utf8();
        if at < 4 || !b[at - 4..at].iter().all(u8::is_ascii_digit) || at > 4 && b[at - 5].is_ascii_digit() {
            continue;
        }
        let year: i32 = text[at - 4..at].parse().ok()?;
        if YEARS.contains(&year) {
            return Some(year);
        }
    }
    None
}

/// The year a text opens with: "2022年，", "2022年以来", "2022年度，" — not "2022年3月" (a
/// date) nor a year further in.
fn opening_year(text: &str) -> Option<i32> {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let year = first_year(text.get(..7)?)?;
    let rest = text[4 + '年'.len_utf8()..].trim_start_matches('度');
    let follows = rest.starts_with(['，', ',', '、']) || rest.starts_with("以来") || rest.starts_with("是");
    follows.then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, first: &str, published: Option<&str>) -> Document {
        Document {
            title: Some(title.into()),
            published: published.map(str::to_owned),
            blocks: vec![Block::Paragraph(first.into())],
            ..Document::default()
        }
    }

    #[test]
    fn the_titles_year_wins_over_the_publication_year() {
        let d = doc("北京市延庆区人民政府2021年法治政府建设年度情况报告", "2022年，…………………………", Some("2022-03-29"));
        assert_eq!(reported_year(&d), Some(2021));
        let d = doc("关于2022年度法治政府建设情况的报告", "", Some("2023-06-01"));
        assert_eq!(reported_year(&d), Some(2022));
        assert_eq!(first_year("关于12022年的报告"), None);
    }

    #[test]
    fn without_a_year_in_the_title_the_opening_sentence_then_the_date() {
        let d = doc("法治政府建设情况报告", "2022年，我区坚持以习近平法治思想为指导，全面推进依法行政。", None);
        assert_eq!(reported_year(&d), Some(2022));
        let d = doc("法治政府建设情况报告", "2022年以来，我区持续推进依法行政工作。", Some("2023-02-01"));
        assert_eq!(reported_year(&d), Some(2022));
        // A year further in, or a date, is not the year reported on.
        let d =
            doc("我区成功创建全国法治政府建设示范区", "近日，自2021年武陵源被正式命名为示范区后……", Some("2023-01-16"));
        assert_eq!(reported_year(&d), Some(2022));
        let d = doc("法治政府建设绽放新动能", "2022年9月27日讯，自2021年以来我区……", Some("2022-09-27"));
        assert_eq!(reported_year(&d), Some(2022));
        let d = doc("无年份", "没有年份的文字内容很长很长。", None);
        assert_eq!(reported_year(&d), None);
    }
}
