//! A published report as read from its file, before anything is made of it: its metadata and
//! its text as blocks (headings, paragraphs, tables), whatever the format it came in.

/// A published report as read: what its page says of itself, and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The title the document gives itself (`<title>`, the first heading, the first line).
    pub title: Option<String>,
    /// The year the report is on, where the document says it (its title's year, the year
    /// its text opens with, or the year its publication date points to); see `read::meta`.
    pub year: Option<i32>,
    /// The publication date as written on the page ("2022-03-29"), if it gives one.
    pub published: Option<String>,
    /// The publisher ("来源：北京市延庆区人民政府").
    pub source: Option<String>,
    /// The page's own address (a canonical link), if it gives one.
    pub url: Option<String>,
    /// The text, in reading order.
    pub blocks: Vec<Block>,
    /// What the reader noticed and the user should know ("read with pdftotext").
    pub notes: Vec<String>,
}

/// One block of a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading the document marks as one (an HTML `<h2>`, a Word heading style), with its
    /// level from 1; headings a report marks only by numbering (一、 （一）) are paragraphs here.
    Heading(u8, String),
    /// A paragraph of text, on one line (line breaks inside a paragraph are joined).
    Paragraph(String),
    /// A table: rows of cells, as text; the first row is the header where the document has one.
    Table(Vec<Vec<String>>),
}
