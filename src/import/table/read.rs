//! Reading a table of figures into rows of cells that remember where they are: a CSV file
//! (UTF-8 with or without a byte order mark, or GB18030 as Excel on Chinese Windows saves it;
//! comma, semicolon or tab separated) or an .xlsx workbook (the sheet named 指标 or `figures`,
//! else the first sheet; numbers as the cell shows them, see [`super::cell`]).

use super::cell::number_text;
use calamine::{Data, Reader, Xlsx};
use std::path::Path;

/// One non-empty cell: its 1-based column and its text, or why it cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// 1-based column (A is 1).
    pub col: usize,
    /// The text, trimmed; or what is wrong with the cell.
    pub text: Result<String, String>,
}

/// One row with at least one non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row of the sheet, or line of the CSV file.
    pub row: usize,
    /// Its non-empty cells, left to right.
    pub cells: Vec<Cell>,
}

/// Why a table cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be opened or read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Text in neither encoding annalist reads.
    #[error("the file is neither UTF-8 nor GB18030 text")]
    Encoding,
    /// The CSV reader stopped at a line.
    #[error("CSV: {message}")]
    Csv {
        /// 1-based line where it stopped (0 when unknown).
        line: usize,
        /// What it said.
        message: String,
    },
    /// The workbook cannot be opened (not an .xlsx, or damaged).
    #[error("cannot read the workbook: {0}")]
    Workbook(String),
    /// The workbook has no sheet.
    #[error("the workbook has no sheet")]
    NoSheet,
    /// An old binary Excel workbook (.xls), which annalist does not read.
    #[error("it is an old binary Excel workbook (.xls), which annalist does not read: open it in Excel, WPS or LibreOffice and save it as .xlsx (Excel Workbook) or .csv, then import that")]
    OldExcel,
    /// A table larger than any table of figures (or a zip bomb): refused before it is read.
    #[error("the table would be {0} MB once unpacked, more than the {max} MB a table of figures can be; check that it is the right file, or save its figures alone as .xlsx or .csv", max = MAX_BYTES >> 20)]
    TooLarge(u64),
}

/// The most a table may hold: its file (CSV) or its workbook's parts once unpacked (.xlsx, by
/// the sizes the zip declares, checked before anything is unpacked). A table of figures is a
/// few hundred KB; a larger one is a wrong file or a zip bomb.
pub const MAX_BYTES: u64 = 200 << 20;

/// The first bytes of an OLE compound file: an old .xls (or .doc) whatever its name.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl ReadError {
    /// The line the problem is on, where known.
    pub fn line(&self) -> usize {
        match self {
            ReadError::Csv { line, .. } => *line,
            _ => 0,
        }
    }
}

/// Reads `path` as CSV or .xlsx by its extension (anything not .xlsx or .xls is read as CSV).
/// An old .xls workbook (or one renamed .xlsx) and a table too large to be one are refused
/// before they are read.
pub fn read_rows(path: &Path) -> Result<Vec<Row>, ReadError> {
    let ext = |x: &str| path.extension().is_some_and(|e| e.eq_ignore_ascii_case(x));
    let size = std::fs::metadata(path)?.len();
    if size > MAX_BYTES {
        return Err(ReadError::TooLarge(size.div_ceil(1 << 20)));
    }
    if ext("xls") || starts_with_ole(path)? {
        return Err(ReadError::OldExcel);
    }
    if ext("xlsx") {
        check_unpacked_size(path)?;
        read_xlsx(path)
    } else {
        read_csv(&std::fs::read(path)?)
    }
}

/// Whether the file starts as an OLE compound file (an old .xls saved under another name).
fn starts_with_ole(path: &Path) -> Result<bool, ReadError> {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(8);
    std::fs::File::open(path)?.take(8).read_to_end(&mut head)?;
    Ok(head == OLE_MAGIC)
}

/// Refuses a workbook whose parts, by the sizes its zip declares, add up to more than
/// [`MAX_BYTES`]: checked from the zip's directory, before any part is unpacked.
fn check_unpacked_size(path: &Path) -> Result<(), ReadError> {
    let file = std::fs::File::open(path)?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| ReadError::Workbook(format!("not an .xlsx workbook ({e})")))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| ReadError::Workbook(e.to_string()))?;
        total = total.saturating_add(part.size());
    }
    if total > MAX_BYTES {
        return Err(ReadError::TooLarge(total.div_ceil(1 << 20)));
    }
    Ok(())
}

/// The text of a CSV file: UTF-8 (its byte order mark dropped), else GB18030.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or(ReadError::Encoding)
}

/// Reads CSV bytes into rows; the separator is the one of `,` `;` and tab that the first line
/// holds most of.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<Row>, ReadError> {
    let text = decode(bytes)?;
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv {
            line: e.position().map_or(0, |p| p.line() as usize),
            message: e.to_string(),
        })?;
        // The reader's own line count skips blank lines; the byte offset does not.
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let skipped =
            text.as_bytes()[start.min(text.len())..].iter().take_while(|b| matches!(b, b'\n' | b'\r')).count();
        let row = text.as_bytes()[..(start + skipped).min(text.len())].iter().filter(|b| **b == b'\n').count() + 1;
        let cells: Vec<Cell> = record
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.trim().is_empty())
            .map(|(i, f)| Cell { col: i + 1, text: Ok(f.trim().to_string()) })
            .collect();
        if !cells.is_empty() {
            rows.push(Row { row, cells });
        }
    }
    Ok(rows)
}

/// Reads the figures sheet of an .xlsx workbook into rows.
fn read_xlsx(path: &Path) -> Result<Vec<Row>, ReadError> {
    let mut book: Xlsx<std::io::BufReader<std::fs::File>> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| ReadError::Workbook(e.to_string()))?;
    let names = book.sheet_names();
    let name = names
        .iter()
        .find(|n| n.trim() == "指标" || n.trim().eq_ignore_ascii_case("figures"))
        .or(names.first())
        .ok_or(ReadError::NoSheet)?
        .clone();
    let range = book.worksheet_range(&name).map_err(|e| ReadError::Workbook(e.to_string()))?;
    let styles = book.worksheet_style(&name).map_err(|e| ReadError::Workbook(e.to_string()))?;
    let Some((top, left)) = range.start() else { return Ok(Vec::new()) };
    let mut rows = Vec::new();
    for (r, cells) in range.rows().enumerate() {
        let at = top + r as u32;
        let cells: Vec<Cell> = cells
            .iter()
            .enumerate()
            .filter_map(|(c, data)| {
                let col = left + c as u32;
                let format =
                    styles.get((at, col)).and_then(|s| s.number_format.as_ref()).map(|f| f.format_code.as_str());
                cell_text(data, format).map(|text| Cell { col: col as usize + 1, text })
            })
            .collect();
        if !cells.is_empty() {
            rows.push(Row { row: at as usize + 1, cells });
        }
    }
    Ok(rows)
}

/// The text of one workbook cell (`None` for an empty one).
fn cell_text(data: &Data, format: Option<&str>) -> Option<Result<String, String>> {
    let text = match data {
        Data::Empty => return None,
        Data::String(s) if s.trim().is_empty() => return None,
        Data::String(s) => Ok(s.trim().to_string()),
        Data::Int(i) => Ok(i.to_string()),
        Data::Float(f) => number_text(*f, format).map_err(|e| e.to_string()),
        Data::Bool(b) => Err(format!("{} is not a figure", if *b { "TRUE" } else { "FALSE" })),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Err("the cell holds a date or a time; format it as a number or as text".to_string())
        }
        Data::Error(e) => Err(format!("the cell shows an error ({e})")),
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<(usize, Vec<(usize, String)>)> {
        rows.iter().map(|r| (r.row, r.cells.iter().map(|c| (c.col, c.text.clone().unwrap())).collect())).collect()
    }

    #[test]
    fn csv_rows_keep_their_lines_and_columns() {
        let rows = read_csv("\u{feff}entity,year\n\n yanqing , 2021\n\"a\nb\",,x\n".as_bytes()).unwrap();
        assert_eq!(
            texts(&rows),
            vec![
                (1, vec![(1, "entity".into()), (2, "year".into())]),
                (3, vec![(1, "yanqing".into()), (2, "2021".into())]),
                (4, vec![(1, "a\nb".into()), (3, "x".into())]),
            ]
        );
    }

    #[test]
    fn gb18030_and_semicolons_are_read() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("组织;年度\n延庆;2021\n");
        let rows = read_csv(&bytes).unwrap();
        assert_eq!(texts(&rows)[1], (2, vec![(1, "延庆".into()), (2, "2021".into())]));
        assert!(matches!(decode(&[0xff, 0xff, 0xff]), Err(ReadError::Encoding)));
    }
}
