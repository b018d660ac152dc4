//! Printing: JSON for scripts (the core's serde field names), plain text for people.
//!
//! Text that may hold stored data reaches the terminal through [`shown`]: the core drops
//! control characters on their way in, but a database written by an earlier version, or
//! a change synced from another laptop, may still hold some, and a terminal obeys them (ESC
//! starts the sequences that move the cursor, rewrite lines or set the window's title).

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

use serde::Serialize;

/// `println!` for text people read: control characters are shown escaped (see [`shown`]).
macro_rules! say {
    () => {
        $crate::output::line("")
    };
    ($($arg:tt)*) => {
        $crate::output::line(&$crate::output::shown(&format!($($arg)*)))
    };
}

/// `eprintln!`, escaped the same way (error messages quote what was typed or imported).
macro_rules! say_err {
    () => {
        eprintln!()
    };
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::output::shown(&format!($($arg)*)))
    };
}

/// Text as a terminal can show it without obeying it: line breaks and tabs stay, every other
/// control character (ESC, NUL, BEL, a lone carriage return that lets a line overwrite
/// itself, the C1 controls) is written as `\u{1b}`.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_escaped(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes one line on standard output. A reader that stopped reading (`flocon … | head`) ends
/// the command quietly, as it would a Unix tool killed by SIGPIPE, instead of a panic about a
/// broken pipe; any other failure to write is said on standard error.
pub fn line(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.write_all(b"\n"));
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("flocon: cannot write the output: {e}");
            std::process::exit(1);
        }
    }
}

fn is_escaped(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Prints an exported document (CSV, vCard, HTML…) on standard output: byte for byte into a
/// pipe or a file, escaped like any other text when it goes to a terminal (where the CRLF
/// line endings of CSV and vCard are kept).
pub fn print_document(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let written = if stdout.is_terminal() {
        let escaped: Vec<Cow<'_, str>> = text
            .split_inclusive("\r\n")
            .map(|line| match line.strip_suffix("\r\n") {
                Some(body) => Cow::Owned(format!("{}\r\n", shown(body))),
                None => shown(line),
            })
            .collect();
        escaped
            .iter()
            .try_for_each(|part| stdout.write_all(part.as_bytes()))
    } else {
        stdout.write_all(text.as_bytes())
    };
    // Like `print!`, a closed pipe ends the output; there is nothing else to tell.
    let _ = written.and_then(|()| stdout.flush());
}

pub fn print_json<T: Serialize + ?Sized>(value: &T) -> flocon_core::Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| flocon_core::Error::Internal(format!("cannot encode JSON: {e}")))?;
    line(&json_escaped(&text));
    Ok(())
}

/// JSON escapes the controls below U+0020 itself; DEL and the C1 controls (U+0080–U+009F,
/// which some terminals obey: U+009B starts a sequence like ESC [) are escaped here too, as
/// `\u009b`, which reads back as the same string.
fn json_escaped(json: &str) -> Cow<'_, str> {
    if !json.chars().any(left_raw_by_json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if left_raw_by_json(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn left_raw_by_json(c: char) -> bool {
    c.is_control() && u32::from(c) >= 0x7f
}

/// Left-aligns columns by their character count (not bytes: "Éluard" is six wide).
pub fn print_table(rows: &[Vec<String>]) {
    let rows: Vec<Vec<Cow<'_, str>>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| shown(cell)).collect())
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                let pad = widths[c] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        self::line(line.trim_end());
    }
}

/// A size for people, in decimal units as file managers show them: "812 B", "20.5 kB",
/// "12.3 MB", "1.4 GB".
pub fn size(bytes: u64) -> String {
    const UNITS: [(f64, &str); 3] = [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
    let value = bytes as f64;
    for (scale, unit) in UNITS {
        if value >= scale {
            return format!("{:.1} {unit}", value / scale);
        }
    }
    format!("{bytes} B")
}

#[cfg(test)]
mod tests {
    use super::{shown, size};

    #[test]
    fn json_output_escapes_del_and_c1_controls_and_still_reads_back() {
        let text = serde_json::to_string(&"a\u{7f}b\u{9b}c").expect("encodes");
        let escaped = super::json_escaped(&text);
        assert_eq!(escaped, "\"a\\u007fb\\u009bc\"");
        let back: String = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, "a\u{7f}b\u{9b}c");
    }

    #[test]
    fn control_characters_are_shown_escaped_but_lines_and_tabs_stay() {
        assert_eq!(shown("Anne\tDupont\nligne"), "Anne\tDupont\nligne");
        assert_eq!(
            shown("\u{1b}]0;titre\u{7}A\u{0}\r\u{9b}"),
            "\\u{1b}]0;titre\\u{7}A\\u{0}\\u{d}\\u{9b}"
        );
    }

    #[test]
    fn sizes_read_in_the_unit_that_keeps_them_short() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(999), "999 B");
        assert_eq!(size(20_480), "20.5 kB");
        assert_eq!(size(12_345_678), "12.3 MB");
        assert_eq!(size(1_400_000_000), "1.4 GB");
    }
}
