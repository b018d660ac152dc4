//! Quotes that do not pair up. The CSV reader is lenient: a quote opened and never closed
//! makes the rest of the file one cell, and a stray quote further down closes it, so that
//! `Anne,Quote,"anne@example.org` swallowed the lines after it (the next people skipped
//! without a word). Spreadsheets and address books write quotes in pairs, a closing quote
//! followed only by a delimiter or the end of the line; anything else refuses the file here,
//! naming the line where the cell opened.

use crate::error::Result;
use crate::import::malformed;

#[derive(Clone, Copy, PartialEq)]
enum State {
    /// At the start of a cell: a quote here opens a quoted cell.
    CellStart,
    /// In an unquoted cell: quotes are data.
    Unquoted,
    /// In a quoted cell, opened on the line kept.
    Quoted(usize),
    /// Just after a quote in a quoted cell: a second quote is an escaped one, else the cell
    /// closed.
    QuoteInQuoted(usize),
    /// After a quoted cell closed: only spaces may come before the delimiter.
    Closed(usize),
}

/// Refuses `text` (the file from its header row, which is line `first_line`) when one of
/// its quoted cells never closes, or closes with text after its closing quote.
pub(super) fn check(text: &str, delimiter: u8, first_line: usize) -> Result<()> {
    let mut state = State::CellStart;
    let mut line = first_line;
    for &b in text.as_bytes() {
        let ends_cell = b == delimiter || b == b'\n' || b == b'\r';
        state = match state {
            State::CellStart | State::Unquoted if ends_cell => State::CellStart,
            State::CellStart if b == b'"' => State::Quoted(line),
            State::CellStart | State::Unquoted => State::Unquoted,
            State::Quoted(at) if b == b'"' => State::QuoteInQuoted(at),
            State::Quoted(at) => State::Quoted(at),
            State::QuoteInQuoted(at) if b == b'"' => State::Quoted(at),
            State::QuoteInQuoted(_) | State::Closed(_) if ends_cell => State::CellStart,
            State::QuoteInQuoted(at) | State::Closed(at) if b == b' ' || b == b'\t' => {
                State::Closed(at)
            }
            State::QuoteInQuoted(at) | State::Closed(at) => {
                return Err(malformed(
                    at,
                    format!(
                        "the quoted cell that opens on this line closes on line {line} with text after its closing quote: a quote is missing or one too many"
                    ),
                ));
            }
        };
        if b == b'\n' {
            line += 1;
        }
    }
    match state {
        State::Quoted(at) => Err(malformed(
            at,
            "a quoted cell opens on this line and is never closed (a quote is missing)",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::error::Error;

    fn refused_at(text: &str, delimiter: u8) -> usize {
        match check(text, delimiter, 1) {
            Err(Error::Malformed { line, .. }) => line,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn paired_quotes_escaped_quotes_and_multi_line_cells_pass() {
        for ok in [
            "a,b\r\n\"x, y\",\"dit \"\"bonjour\"\"\"\r\n",
            "a;b\n\"ligne 1\nligne 2\";z\n",
            "a,b\nun \"mot\" cité,x\n",
            "a,b\n\"x\" ,y\n",
            "a,b\n\"x\"",
            "a\tb\n\"x\"\ty\n",
            "",
        ] {
            let delimiter = if ok.contains('\t') {
                b'\t'
            } else if ok.contains(';') {
                b';'
            } else {
                b','
            };
            assert!(check(ok, delimiter, 1).is_ok(), "{ok:?}");
        }
    }

    #[test]
    fn a_quote_never_closed_is_refused_at_the_line_it_opens() {
        assert_eq!(
            refused_at(
                "Prénom,Nom,Courriel\nAnne,Quote,\"anne@example.org\nBob,Martin,bob@example.org\n",
                b','
            ),
            2
        );
    }

    #[test]
    fn a_cell_closed_by_a_later_stray_quote_is_refused_at_the_line_it_opens() {
        let text = "Prénom,Nom,Courriel\r\nAnne,Quote,\"anne@example.org\r\nBob,Martin,bob@example.org\r\nZoé,Durand,\"zoe@example.org\"\r\n";
        assert_eq!(refused_at(text, b','), 2);
        assert_eq!(refused_at("a,b\n\"x\"y,z\n", b','), 2);
    }
}
