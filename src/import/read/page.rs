//! Rules for the lines a published page carries around its report, shared by the text and HTML
//! readers: metadata lines ("发布时间：2023-01-16  来源：延庆区融媒体中心"), chrome lines
//! (breadcrumbs, 分享/字号/打印 bars, footers) and which line is the title.

/// Labels that end a metadata value when they follow it on the same line.
const META_LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "日期",
    "时间",
    "来源",
    "作者",
    "浏览",
    "点击",
    "字号",
    "发布开发区",
    "发布机构",
    "信息来源",
    "索引号",
    "发文日期",
    "成文日期",
    "文号",
    "主题分类",
    "阅读",
    "【",
    "编辑",
    "分享",
    "打印",
    "[",
];

/// Lines that are page chrome wherever they stand: a short line containing one of these is
/// dropped.
const CHROME: &[&str] = &[
    "您现在的位置",
    "当前位置",
    "首页 >",
    "首页>",
    "字号:",
    "【字号",
    "字号【",
    "字号[",
    "分享:",
    "分享到",
    "【打印",
    "打印本页",
    "打印页面",
    "[打印",
    "ICP备",
    "版权所有",
    "Copyright",
    "联系电话",
    "联系我们",
    "与我们联系",
    "传  真",
    "传真:",
    "邮  箱",
    "上一条",
    "下一条",
    "上一篇",
    "下一篇",
    "关闭窗口",
    "关闭页面",
    "回首页",
    "回顶部",
    "返 回",
    "返回顶部",
    "点击查看全文",
    "立即下载",
    "IE版本",
    "您访问的链接即将离开",
    "已归档",
    "扫一扫",
    "网站地图",
    "公网安备",
];

/// Lines that end the report: once the text has begun, a short line with one of these starts
/// the page's footer, and nothing after it is read.
const FOOTER: &[&str] = &[
    "上一条",
    "下一条",
    "上一篇",
    "下一篇",
    "与我们联系",
    "联系我们",
    "Copyright",
    "版权所有",
    "ICP备",
    "分享到",
    "【打印",
    "【关闭",
    "您访问的链接即将离开",
    "点击查看全文",
    "回首页",
    "相关链接",
    "相关文章",
    "相关新闻",
];

/// Short byline lines dropped from the body ("作者：胡玲芳 蒋兰", "编辑：李鹏飞").
const BYLINES: &[&str] = &["作者", "编辑", "责任编辑", "责编", "审核", "校对", "摄影", "附件"];

/// The longest a chrome or metadata line may be; longer lines are the report's text.
const SHORT: usize = 120;

/// The date and publisher a metadata line gives.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Meta {
    /// The date, as YYYY-MM-DD.
    pub published: Option<String>,
    /// The publisher, from "来源：".
    pub source: Option<String>,
}

/// Labels that say a line is metadata.
const LABELS: &[&str] =
    &["发布时间:", "发布日期:", "日期:", "时间:", "来源:", "信息来源:", "发布机构:", "发文日期:", "公开日期:"];

/// Labels of the publisher, the first found winning.
const SOURCE_LABELS: &[&str] = &["来源:", "发布机构:", "发文机关:"];

/// Labels of the publication date, the first found winning; the date after a 成文日期 label
/// (the date the text was signed) is taken only where no other date is given.
const DATE_LABELS: &[&str] = &["发布时间:", "发布日期:", "公开日期:", "发文日期:", "日期:", "时间:"];

/// Reads a metadata line: one with a 发布时间/日期/来源/发布机构 label, or one that starts with
/// a date (a page's "2022-09-27 17:45:27 字号："). `None` for any other line.
pub(super) fn meta_line(line: &str) -> Option<Meta> {
    let line = normalise_colons(line.trim());
    if line.chars().count() > SHORT || line.ends_with('。') {
        return None;
    }
    let labelled = LABELS.iter().any(|l| line.starts_with(l) || line.contains(&format!(" {l}")))
        || line.contains("来源:") && line.chars().count() <= 40;
    let starts_with_date = find_date(&line).is_some_and(|(at, _)| at == 0);
    if !labelled && !starts_with_date {
        return None;
    }
    let source = SOURCE_LABELS
        .iter()
        .find_map(|l| line.find(l).map(|at| value_after(&line[at + l.len()..])).filter(|s| !s.is_empty()));
    let labelled_date = DATE_LABELS.iter().find_map(|l| line.find(l).and_then(|at| find_date(&line[at..])));
    let published = labelled_date.or_else(|| find_date(&line)).map(|(_, d)| d);
    Some(Meta { published, source })
}

/// A label standing alone on its line (a table cell "发布机构：") with its value on the next
/// line: read as one metadata line.
pub(super) fn label_line(line: &str, next: Option<&str>) -> Option<Meta> {
    let label: String = normalise_colons(line).chars().filter(|c| !c.is_whitespace()).collect();
    let label = label.trim_end_matches(':');
    let known = LABELS.iter().any(|l| l.trim_end_matches(':') == label) || label == "成文日期";
    if !known {
        return None;
    }
    let next = next?.trim();
    if next.is_empty() || meta_line(next).is_some() || label_line(next, None).is_some() {
        return None;
    }
    meta_line(&format!("{label}:{next}"))
}

/// Half-width colons for full-width ones, so labels match either way.
fn normalise_colons(s: &str) -> String {
    s.replace('：', ":").replace('\u{a0}', " ")
}

/// The value after a label: up to a double space or the next label.
fn value_after(rest: &str) -> String {
    let rest = rest.trim_start();
    let mut end = rest.find("  ").unwrap_or(rest.len());
    for label in META_LABELS {
        if let Some(at) = rest.find(label) {
            end = end.min(at);
        }
    }
    rest[..end].trim().trim_end_matches([':', '|', '丨']).trim().to_owned()
}

/// The first date in a line (2022-03-29, 2022/3/29, 2022.03.29, 2022年3月29日): its byte offset
/// and the date as YYYY-MM-DD.
pub(super) fn find_date(line: &str) -> Option<(usize, String)> {
    let b = line.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i + 4 <= b.len() {
        let starts = b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit());
        if starts && digits(i) == 4 {
            if let Some(date) = date_at(line, i, digits) {
                return Some((i, date));
            }
        }
        i += 1;
    }
    None
}

/// A date starting at byte `i` (four digits there), if one is.
fn date_at(line: &str, i: usize, digits: impl Fn(usize) -> usize) -> Option<String> {
    let rest = &line[i + 4..];
    let sep = rest.chars().next()?;
    if !matches!(sep, '-' | '/' | '.' | '年') {
        return None;
    }
    let m_at = i + 4 + sep.len_utf8();
    let m_len = digits(m_at);
    if !(1..=2).contains(&m_len) {
        return None;
    }
    let after_m = &line[m_at + m_len..];
    let sep2 = after_m.chars().next()?;
    let expected = if sep == '年' { '月' } else { sep };
    if sep2 != expected {
        return None;
    }
    let d_at = m_at + m_len + sep2.len_utf8();
    let d_len = digits(d_at);
    if !(1..=2).contains(&d_len) {
        return None;
    }
    let (y, m, d) = (&line[i..i + 4], &line[m_at..m_at + m_len], &line[d_at..d_at + d_len]);
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}-{m:02}-{d:02}"))
}

/// Whether a line is page chrome: a breadcrumb, a share/print bar, a footer line, a byline, an
/// image's file name, a newspaper's credit line or photo caption (`credits`), or a line with no
/// letters at all ("|").
pub(super) fn is_chrome(line: &str) -> bool {
    let line = line.trim();
    let short = line.chars().count() <= SHORT && !line.ends_with('。');
    let colon = normalise_colons(line);
    if short && CHROME.iter().any(|c| colon.contains(c)) {
        return true;
    }
    if short && BYLINES.iter().any(|b| colon.starts_with(&format!("{b}:"))) {
        return true;
    }
    let lower = line.to_ascii_lowercase();
    if [".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"].iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    !line.chars().any(char::is_alphanumeric) || super::credits::is_credit_line(line) || super::credits::is_caption(line)
}

/// Whether a line starts the page's footer (see [`FOOTER`]).
pub(super) fn is_footer(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= SHORT && !line.ends_with('。') && FOOTER.iter().any(|f| line.contains(f))
}

/// Whether a line reads as a report's title: short, not a sentence, naming a report (报告,
/// 情况) and a year.
pub(super) fn looks_like_report_title(line: &str) -> bool {
    let line = line.trim();
    let n = line.chars().count();
    (6..=80).contains(&n)
        && !line.ends_with('。')
        && (line.contains("报告") || line.contains("情况"))
        && line.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
}

/// Whether a line could be a title at all: a short line, not a sentence, with some text.
pub(super) fn could_be_title(line: &str) -> bool {
    let line = line.trim();
    let n = line.chars().count();
    (6..=80).contains(&n)
        && !['。', '；', ';', '，', ','].iter().any(|c| line.ends_with(*c))
        && !is_chrome(line)
        && meta_line(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_lines_of_scraped_pages() {
        let m = meta_line("发布时间:2023-01-16  来源:延庆区融媒体中心  发布开发区:北京延庆经济开发区").unwrap();
        assert_eq!(m.published.as_deref(), Some("2023-01-16"));
        assert_eq!(m.source.as_deref(), Some("延庆区融媒体中心"));
        let m = meta_line("日期：2022-03-29 10:00    来源：北京市延庆区人民政府").unwrap();
        assert_eq!(m.published.as_deref(), Some("2022-03-29"));
        assert_eq!(m.source.as_deref(), Some("北京市延庆区人民政府"));
        let m = meta_line("来源:  武清区人民政府 发布时间: 2024-02-28 10:47").unwrap();
        assert_eq!(m.source.as_deref(), Some("武清区人民政府"));
        assert_eq!(m.published.as_deref(), Some("2024-02-28"));
        let m = meta_line("2022-09-27 17:45:27 字号:").unwrap();
        assert_eq!((m.published.as_deref(), m.source), (Some("2022-09-27"), None));
        let m = meta_line("发布日期：2023年3月5日").unwrap();
        assert_eq!(m.published.as_deref(), Some("2023-03-05"));
    }

    #[test]
    fn sentences_are_not_metadata() {
        assert!(meta_line("2021年,延庆区深入贯彻中共中央、国务院《法治政府建设实施纲要(2021-2025年)》").is_none());
        assert!(meta_line("来源于群众的意见建议均已办结。").is_none());
        assert!(meta_line("我区成功创建全国法治政府建设示范区").is_none());
    }

    #[test]
    fn chrome_lines_and_report_lines() {
        for chrome in [
            "您现在的位置:首页 > 开发区新闻 > 延庆区 > 文字新闻",
            "分享:",
            "字号:        ",
            "  • 联系电话:+86-0512-53660867",
            "Copyright © 2015-2024 InvestCHN.com All Rights Reserved. 版权所有:投促中国",
            "京ICP备05060933号",
            "法治政府建设督察现场_副本.jpg",
            "|",
            "作者:胡玲芳 蒋兰",
            "【打印页面】 【关闭页面】",
        ] {
            assert!(is_chrome(chrome), "{chrome}");
        }
        for text in ["一、2021年推进法治政府建设的主要举措和成效", "重点加力,培育共建“源动力”", "法治政府建设督察现场"]
        {
            assert!(!is_chrome(text), "{text}");
        }
    }

    #[test]
    fn report_titles() {
        assert!(looks_like_report_title("北京市延庆区人民政府2021年法治政府建设年度情况报告"));
        assert!(looks_like_report_title("武清区人民政府关于武清区2023年度法治政府建设情况的报告"));
        assert!(!looks_like_report_title("我区成功创建全国法治政府建设示范区"));
        assert!(could_be_title("我区成功创建全国法治政府建设示范区"));
        assert!(!could_be_title("要闻"));
    }
}
