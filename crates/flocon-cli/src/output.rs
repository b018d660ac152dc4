//! Printing: JSON for scripts (the core's serde field names), plain text for people.

use serde::Serialize;

pub fn print_json<T: Serialize + ?Sized>(value: &T) -> flocon_core::Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| flocon_core::Error::Internal(format!("cannot encode JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// Left-aligns columns by their character count (not bytes: "Éluard" is six wide).
pub fn print_table(rows: &[Vec<String>]) {
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
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                let pad = widths[c] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        println!("{}", line.trim_end());
    }
}
