//! A newspaper's credits left in a scraped page's text: the photo caption ("图为…活动现场。"),
//! the credit lines under it ("本报记者 王建军 摄 |", "责任编辑 李四") and the byline a story
//! opens with ("□ 本报记者 徐伟伦 在北京市率先…"). They are the page's, not the report's.
//!
//! The rules are narrow so that no sentence of a report is ever taken for a credit: a credit
//! line is made only of credit words and short names (no punctuation, no sentence), a caption is
//! a short line opening with 图为, and a byline is taken off only the start of a line, up to the
//! names that follow its credit word.

/// Words that say who wrote, photographed or edited a story, longest first.
const ROLES: &[&str] = &[
    "本报特约记者",
    "本报通讯员",
    "本报记者",
    "特约记者",
    "责任编辑",
    "实习记者",
    "实习生",
    "通讯员",
    "记者",
    "摄影",
    "编辑",
    "校对",
    "责编",
    "文/图",
    "图/文",
    "摄",
    "文",
    "图",
];

/// Roles a story's byline opens with.
const BYLINE_ROLES: &[&str] = &["本报特约记者", "本报通讯员", "本报记者", "特约记者", "实习记者", "通讯员", "记者"];

/// The longest a caption may be.
const CAPTION_MAX: usize = 80;

/// Marks newspapers put before a byline or a credit ("□ 本报记者").
fn is_mark(c: char) -> bool {
    "□■●◆|｜（）()【】[]".contains(c)
}

/// A name in a credit: two to four Chinese characters.
fn is_name(token: &str) -> bool {
    let n = token.chars().count();
    (2..=4).contains(&n) && token.chars().all(super::text::is_cjk)
}

/// Whether a token is a credit word, or a credit word, a colon and a name ("责任编辑:王五").
fn is_credit_token(token: &str) -> bool {
    ROLES.iter().any(|r| {
        token.strip_prefix(r).is_some_and(|rest| {
            // Names run into the word only after a colon: "记者手记" is no credit.
            let named = rest.strip_prefix([':', '：']).is_some_and(is_name);
            rest.is_empty() || named
        })
    })
}

/// Whether a line is only credits: credit words and names ("本报记者 王建军 摄 |",
/// "记者 张三 通讯员 李四", "责任编辑：王五"), with at least one credit word.
pub(super) fn is_credit_line(line: &str) -> bool {
    let line = line.trim().trim_matches(|c: char| is_mark(c) || c.is_whitespace());
    if line.is_empty() || line.chars().count() > 40 {
        return false;
    }
    let tokens: Vec<&str> = line.split(|c: char| c.is_whitespace() || is_mark(c)).filter(|t| !t.is_empty()).collect();
    tokens.iter().any(|t| is_credit_token(t)) && tokens.iter().all(|t| is_credit_token(t) || is_name(t))
}

/// Whether a line is a photo's caption: a short line opening with 图为.
pub(super) fn is_caption(line: &str) -> bool {
    let line = line.trim().trim_start_matches(|c: char| is_mark(c) || c.is_whitespace());
    line.starts_with("图为") && line.chars().count() <= CAPTION_MAX
}

/// The line without the byline it opens with ("□ 本报记者 徐伟伦 在北京市…" gives "在北京市…"):
/// a byline's credit word then one to three names, each followed by a space.
pub(super) fn without_byline(line: &str) -> &str {
    let rest = line.trim_start().trim_start_matches(|c: char| is_mark(c) || c.is_whitespace());
    let Some(mut rest) = BYLINE_ROLES.iter().find_map(|r| rest.strip_prefix(r)) else { return line };
    if !rest.starts_with(char::is_whitespace) {
        return line;
    }
    let mut names = 0;
    loop {
        let trimmed = rest.trim_start();
        let Some(end) = trimmed.find(char::is_whitespace) else { break };
        if names == 3 || !is_name(&trimmed[..end]) {
            break;
        }
        names += 1;
        rest = &trimmed[end..];
    }
    if names == 0 {
        return line;
    }
    rest.trim_start()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lines_and_captions_of_a_newspaper_page() {
        for credit in
            ["本报记者 王建军 摄 |", "记者 张三 通讯员 李四", "责任编辑：王五", "□ 本报记者 徐伟伦", "（记者 张三 摄）"]
        {
            assert!(is_credit_line(credit), "{credit}");
        }
        assert!(is_caption("图为通州区“小微企业法治体检中心”活动现场。"));
        for text in [
            "记者从区司法局获悉，全年办结行政复议案件85件。",
            "通州区司法局党组书记、局长石建华告诉记者",
            "一、加强编辑校对工作",
            "法治政府建设",
            "图书馆开展普法讲座12场。",
            "记者手记",
        ] {
            assert!(!is_credit_line(text) && !is_caption(text), "{text}");
        }
    }

    #[test]
    fn a_byline_is_taken_off_the_start_of_its_line_only() {
        assert_eq!(
            without_byline("□ 本报记者 徐伟伦 在北京市率先建立“小微企业法治体检中心”"),
            "在北京市率先建立“小微企业法治体检中心”"
        );
        assert_eq!(without_byline("本报记者 张三 李四 近日，我区召开会议。"), "近日，我区召开会议。");
        for text in [
            "记者从区司法局获悉，全年办结案件85件。",
            "记者手记 在北京城市副中心政务服务中心采访",
            "2022年，我区推进法治政府建设。",
        ] {
            assert_eq!(without_byline(text), text);
        }
    }
}
