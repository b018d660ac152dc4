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
    use super::size;

    #[test]
    fn sizes_read_in_the_unit_that_keeps_them_short() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(999), "999 B");
        assert_eq!(size(20_480), "20.5 kB");
        assert_eq!(size(12_345_678), "12.3 MB");
        assert_eq!(size(1_400_000_000), "1.4 GB");
    }
}
