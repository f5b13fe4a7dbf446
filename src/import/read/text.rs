//! Plain text and Markdown, including text scraped from a web page with the page's chrome still
//! in it.
//!
//! The title is the first line that reads as a report's title (报告/情况 and a year), else the
//! line just above the first metadata line (pages put the title there), else a Markdown `# `
//! heading at the top; lines above the title (site slogans, 立即下载) are dropped. Metadata lines
//! give the date and publisher; chrome lines are dropped; the text ends at the page's footer.
//! Paragraphs break at blank lines, at indented lines, at lines starting with a report's
//! numbering (一、 （一） 1.), and after a line that ends a sentence or is short; other lines are
//! joined (hard-wrapped text). A very long line holding several paragraphs (a newspaper page
//! flattened by a scraper) is split where a sentence ends before a space.

use super::{credits, decode_undeclared, page, ReadError};
use crate::import::{Block, Document};

/// Reads text or Markdown bytes (UTF-8 or GB18030).
pub(super) fn read(bytes: &[u8], markdown: bool) -> Result<Document, ReadError> {
    if is_binary(bytes) {
        return Err(ReadError::Binary);
    }
    let text = decode_undeclared(bytes)?;
    let doc = read_str(&text, markdown);
    if doc.blocks.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(doc)
}

/// Whether bytes are binary data rather than text: a NUL byte (UTF-16 text, or any binary
/// file), or more than one in a hundred control characters other than tab, line and page
/// breaks.
pub(super) fn is_binary(bytes: &[u8]) -> bool {
    let control = bytes.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    bytes.contains(&0) || control * 100 > bytes.len()
}

/// Reads decoded text (see the module's doc for the rules).
pub(super) fn read_str(text: &str, markdown: bool) -> Document {
    let mut lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    if markdown {
        skip_front_matter(&mut lines);
    }
    let mut doc = Document::default();
    let start = match find_title(&lines, markdown) {
        Some((first, last)) => {
            let parts: Vec<&str> = lines[first..=last]
                .iter()
                .map(|l| heading_text(l))
                .filter(|l| l.chars().any(char::is_alphanumeric))
                .collect();
            doc.title = Some(parts.join("——"));
            last + 1
        }
        None => first_substantial(&lines),
    };
    let mut paras = Paragraphs { markdown, ..Paragraphs::default() };
    for line in &lines[start..] {
        if line.trim().is_empty() {
            paras.flush();
            continue;
        }
        if let Some(meta) = page::meta_line(line) {
            doc.published = doc.published.or(meta.published);
            doc.source = doc.source.or(meta.source);
            continue;
        }
        if paras.begun() && page::is_footer(line) {
            break;
        }
        if page::is_chrome(line) && !(markdown && line.trim_start().starts_with('|')) {
            paras.flush();
            continue;
        }
        if paras.begun() {
            paras.push(line);
        } else {
            paras.push(credits::without_byline(line));
        }
    }
    paras.flush();
    doc.blocks = paras.blocks;
    doc.source = doc.source.map(|source| without_section(source, &lines[..start]));
    doc
}

/// A publisher without the page's section name that a scraped page runs into it ("稿件来源：
/// 法治日报要闻" where "要闻" stands alone as the section's label at the top of the page).
fn without_section(source: String, top: &[&str]) -> String {
    let sections =
        top.iter().map(|l| l.trim()).filter(|l| (2..=4).contains(&l.chars().count()) && l.chars().all(is_cjk));
    for section in sections {
        if let Some(rest) = source.strip_suffix(section).filter(|r| r.chars().count() >= 2) {
            return rest.trim().to_owned();
        }
    }
    source
}

/// Drops a Markdown file's `---` front matter.
fn skip_front_matter(lines: &mut Vec<&str>) {
    if lines.first().map(|l| l.trim()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "---") {
            lines.drain(..end + 2);
        }
    }
}

/// How many lines from the top a page's metadata line is looked for.
const META_SEARCH: usize = 40;

/// The title's first and last lines, if a title is found: a line reading as a report's title
/// before the text begins; else the line just above the first metadata line near the top (with
/// a main title on the line above it, when only separators stand between them: a newspaper's
/// title and subtitle, joined with ——); else a Markdown `# ` heading at the top.
fn find_title(lines: &[&str], markdown: bool) -> Option<(usize, usize)> {
    let head_end = lines.iter().position(|l| l.trim().chars().count() > 80).unwrap_or(lines.len());
    let head = &lines[..head_end];
    if let Some(i) = head.iter().position(|l| page::looks_like_report_title(heading_text(l))) {
        return Some((i, i));
    }
    let near = &lines[..lines.len().min(META_SEARCH)];
    if let Some(meta) = near.iter().position(|l| page::meta_line(l).is_some()) {
        let has_text = |l: &&str| l.chars().any(char::is_alphanumeric);
        let title_at = |i: usize| page::could_be_title(heading_text(lines[i])) && !starts_numbered(lines[i].trim());
        if let Some(last) = near[..meta].iter().rposition(has_text).filter(|&i| title_at(i)) {
            let above = near[..last].iter().rposition(has_text).filter(|&i| title_at(i));
            let first = above.filter(|&i| near[i + 1..last].iter().all(|l| !has_text(l)) && i + 4 > last);
            return Some((first.unwrap_or(last), last));
        }
    }
    if markdown {
        let first = lines.iter().position(|l| !l.trim().is_empty())?;
        return lines[first].starts_with("# ").then_some((first, first));
    }
    None
}

/// Where the text begins when no title is found: the first line that is not a short label
/// ("要闻") or chrome.
fn first_substantial(lines: &[&str]) -> usize {
    lines
        .iter()
        .position(|l| {
            let l = l.trim();
            l.chars().count() >= 10 && !page::is_chrome(l) || l.starts_with('#')
        })
        .unwrap_or(0)
}

/// A Markdown heading's text without its `#`s.
fn heading_text(line: &str) -> &str {
    line.trim().trim_start_matches('#').trim()
}

/// Builds paragraphs (and Markdown headings and tables) line by line.
#[derive(Default)]
struct Paragraphs {
    /// Whether Markdown syntax is read.
    markdown: bool,
    /// The paragraph being built.
    current: String,
    /// Whether the last line pushed ended its paragraph (a sentence's end or a short line).
    ended: bool,
    /// A Markdown table being built.
    table: Vec<Vec<String>>,
    /// The blocks so far.
    blocks: Vec<Block>,
}

impl Paragraphs {
    /// Whether the report's text has begun (a paragraph of some length is out).
    fn begun(&self) -> bool {
        self.blocks.iter().any(|b| matches!(b, Block::Paragraph(p) if p.chars().count() >= 30))
    }

    /// Ends the paragraph or table being built.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.current).trim().to_owned();
        // A scraped page may hold its text twice (a print view below the article): a long
        // paragraph already read is not read again.
        let long = text.chars().count() >= 20;
        let p = Block::Paragraph(text);
        let seen = long && self.blocks.contains(&p);
        if !seen && !matches!(&p, Block::Paragraph(t) if t.is_empty()) {
            self.blocks.push(p);
        }
        if !self.table.is_empty() {
            self.blocks.push(Block::Table(std::mem::take(&mut self.table)));
        }
    }

    /// Adds one line.
    fn push(&mut self, raw: &str) {
        let line = raw.trim().trim_start_matches('\u{3000}').trim();
        if line.is_empty() {
            self.flush();
            return;
        }
        if self.markdown && self.markdown_line(line) {
            return;
        }
        let indented = raw.starts_with("  ") || raw.starts_with('\t') || raw.starts_with('\u{3000}');
        if !self.markdown && (indented || self.ended || starts_numbered(line)) {
            self.flush();
        }
        for (i, piece) in split_run_on(line).into_iter().enumerate() {
            if i > 0 {
                self.flush();
            }
            join_line(&mut self.current, &piece);
        }
        let last = line.chars().last().unwrap_or(' ');
        let numbered_heading = starts_numbered(line) && !line.contains('。');
        self.ended = numbered_heading || line.chars().count() < 20 || "。！？!?；;：:”\"".contains(last);
    }

    /// Reads a Markdown heading, table row or list item; false for a plain line.
    fn markdown_line(&mut self, line: &str) -> bool {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            self.flush();
            self.blocks.push(Block::Heading(hashes as u8, line[hashes..].trim().to_owned()));
            self.ended = true;
            return true;
        }
        if line.starts_with('|') && line.len() > 1 {
            if !self.current.is_empty() {
                let p = std::mem::take(&mut self.current);
                self.blocks.push(Block::Paragraph(p));
            }
            let cells: Vec<String> = line.trim_matches('|').split('|').map(|c| c.trim().replace("**", "")).collect();
            let separator = cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| "-: ".contains(ch)));
            if !separator {
                self.table.push(cells);
            }
            return true;
        }
        if let Some(item) = ["- ", "* ", "+ "].iter().find_map(|m| line.strip_prefix(m)) {
            self.flush();
            self.current = item.replace("**", "");
            self.ended = true;
            return true;
        }
        false
    }
}

/// Joins a line to the paragraph: directly after Chinese text, with a space between Latin words.
fn join_line(current: &mut String, line: &str) {
    let line = line.replace("**", "");
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || ",.;:".contains(c));
    if latin(current.chars().last()) && latin(line.chars().next()) {
        current.push(' ');
    }
    current.push_str(line.trim());
}

/// Whether a line starts with a report's numbering: 一、 （一） (一) 1. 1、 第一
fn starts_numbered(line: &str) -> bool {
    let mut chars = line.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    const NUMERALS: &str = "一二三四五六七八九十";
    (NUMERALS.contains(first) && (second == '、' || NUMERALS.contains(second) && line.contains('、')))
        || (matches!(first, '（' | '(') && NUMERALS.contains(second))
        || (first.is_ascii_digit() && "、.．".contains(second) && !line[1..].starts_with(".5"))
        || (first == '第' && NUMERALS.contains(second))
}

/// Splits a line that holds several paragraphs: at a space after a sentence's end (。！？ or a
/// closing quote after one), and at a space after a short heading-like piece that itself
/// follows such a break ("…“答卷”。 权责协同更懂群众办事之需 对于群众而言…"). Newspaper
/// page-jump marks ("下转第二版 上接第一版") are dropped first.
fn split_run_on(line: &str) -> Vec<String> {
    let line = drop_page_jumps(line);
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut after_break = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != ' ' && c != '\u{3000}' {
            current.push(c);
            continue;
        }
        let prev = current.chars().last().unwrap_or(' ');
        let next_cjk = chars.peek().is_some_and(|&n| is_cjk(n) || "“《（(".contains(n));
        let sentence_end = "。！？".contains(prev)
            || "”』」".contains(prev) && current.chars().rev().nth(1).is_some_and(|p| "。！？".contains(p));
        let heading = after_break && current.chars().count() <= 24 && current.chars().all(is_cjk);
        if next_cjk && (sentence_end || heading) && !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
            after_break = sentence_end;
        } else if !current.is_empty() && !current.ends_with(' ') {
            current.push(' ');
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Drops a newspaper's "下转第二版" / "上接第一版" marks.
fn drop_page_jumps(line: &str) -> String {
    let mut out = line.to_owned();
    for mark in ["下转第", "上接第", "转第"] {
        while let Some(at) = out.find(mark) {
            let rest = &out[at + mark.len()..];
            let Some(end) = rest.find('版') else { break };
            if rest[..end].chars().count() > 3 {
                break;
            }
            let end = at + mark.len() + end + '版'.len_utf8();
            let tail = out[end..].trim_start().to_owned();
            out.truncate(at);
            let head = out.trim_end().to_owned();
            out = head + &tail;
        }
    }
    out
}

/// Whether a character is a Chinese character: the search index's own test of one.
pub(super) use crate::search::tokens::is_han as is_cjk;

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
