//! Texts of a chart: how wide they are, and where direct labels go so that none overlaps
//! another.

use std::borrow::Cow;

/// The widest direct label, in em: a longer name is cut short with "…" (the table beside the
/// chart names every organisation in full).
pub const MAX_NAME_EM: f64 = 9.0;

/// An upper bound of the width of `s` in em: 1 for CJK and other wide characters (and `%`,
/// `m`, `M`, `W`, `w`, `@`, `…`, wide in most fonts), 0.6 for digits and other Latin characters.
pub fn width_em(s: &str) -> f64 {
    s.chars().map(char_em).sum()
}

fn char_em(c: char) -> f64 {
    if c as u32 >= 0x2E80 || "%mMwW@…".contains(c) {
        1.0
    } else {
        0.6
    }
}

/// `name` as a direct label shows it: whole if it fits in [`MAX_NAME_EM`], else its start and "…".
pub fn short_name(name: &str) -> Cow<'_, str> {
    if width_em(name) <= MAX_NAME_EM {
        return Cow::Borrowed(name);
    }
    let mut out = String::new();
    let mut w = char_em('…');
    for c in name.chars() {
        w += char_em(c);
        if w > MAX_NAME_EM {
            break;
        }
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// Where labels that want to be centred at `wanted` go: as near as they can, at least `gap`
/// apart, between `top` and `bottom`, in the order of `wanted` (a label stays above another
/// whose point is lower). Labels that would overlap are stacked as a block centred on where
/// they want to be, blocks merging until none overlaps. The caller leaves room:
/// `(wanted.len() - 1) × gap` fits between `top` and `bottom`.
pub fn spread(wanted: &[f64], gap: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| wanted[a].total_cmp(&wanted[b]).then(a.cmp(&b)));
    // Blocks of labels in order down the column: (first label's centre, how many, their wish).
    let mut blocks: Vec<(f64, usize, f64)> = Vec::with_capacity(order.len());
    let place = |n: usize, sum: f64| {
        let span = (n - 1) as f64 * gap;
        (sum / n as f64 - span / 2.0).min(bottom - span).max(top)
    };
    for &i in &order {
        let (mut n, mut sum) = (1, wanted[i]);
        let mut start = place(n, sum);
        // While the block above reaches into this one, the two become one block.
        while let Some(&(above, m, wish)) = blocks.last() {
            if above + m as f64 * gap <= start + 1e-9 {
                break;
            }
            blocks.pop();
            (n, sum) = (n + m, sum + wish);
            start = place(n, sum);
        }
        blocks.push((start, n, sum));
    }
    let mut out = vec![0.0; wanted.len()];
    let mut rank = order.iter();
    for (start, n, _) in blocks {
        for k in 0..n {
            out[*rank.next().expect("one label a place")] = start + k as f64 * gap;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_apart_and_inside() {
        let got = spread(&[50.0, 52.0, 51.0, 200.0], 10.0, 0.0, 205.0);
        // Three close labels stacked around where they want to be, in their order; the
        // fourth where it wants.
        assert_eq!(got, [41.0, 61.0, 51.0, 200.0]);
        // Blocks that meet merge: 30 and 38 make a block reaching to 44, which meets 45's.
        let got = spread(&[30.0, 38.0, 45.0, 47.0], 10.0, 0.0, 100.0);
        let mut sorted = got.clone();
        sorted.sort_by(f64::total_cmp);
        assert!(sorted.windows(2).all(|w| w[1] - w[0] >= 10.0 - 1e-9), "{got:?}");
        assert!((got.iter().sum::<f64>() / 4.0 - 40.0).abs() < 1e-9, "centred on their wish: {got:?}");
        // Crowded at the bottom: pushed up, never below it.
        let got = spread(&[100.0, 100.0, 100.0], 10.0, 0.0, 100.0);
        assert_eq!(got, [80.0, 90.0, 100.0]);
        let got = spread(&[-5.0], 10.0, 0.0, 100.0);
        assert_eq!(got, [0.0]);
    }

    #[test]
    fn long_names_are_cut_short() {
        assert_eq!(short_name("延庆区"), "延庆区");
        let long = short_name("北京市西城区人民政府办公室");
        assert!(long.ends_with('…') && width_em(&long) <= MAX_NAME_EM, "{long}");
        assert_eq!(short_name("Haidian District"), "Haidian Distr…");
    }
}
