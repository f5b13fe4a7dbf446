//! The interval rule against the contract's examples and its edge cases.

use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Value, interval ends and step, as strings.
fn shown(r: &Derived) -> (String, String, String, String) {
    (r.value.to_string(), r.interval.low.to_string(), r.interval.high.to_string(), r.step.to_string())
}

fn s(value: &str, low: &str, high: &str, step: &str) -> (String, String, String, String) {
    (value.into(), low.into(), high.into(), step.into())
}

#[test]
fn the_contracts_two_examples() {
    // 31.5万 (± 500) after "+17.1%" (± 0.05): 268,459–269,543 → 约26.9万.
    let r = backward_relative(d("315000"), d("500"), d("17.1"), d("0.05")).unwrap();
    assert_eq!(shown(&r), s("269000", "268459", "269543", "100"));
    assert!(r.approximate);
    assert_eq!(r.in_unit(d("10000")).unwrap().to_string(), "26.9");
    assert_eq!(decimals_for(r.step, d("10000")), 2);
    // 1865 (an exact count) after "+77%" (± 0.5): 1050.7–1056.7 → 约1054.
    let r = backward_relative(d("1865"), Decimal::ZERO, d("77"), d("0.5")).unwrap();
    assert_eq!(shown(&r), s("1054", "1050.7", "1056.7", "1"));
    assert!(r.approximate);
    assert_eq!(r.in_unit(Decimal::ONE).unwrap().to_string(), "1054");
}

#[test]
fn decimals_in_a_display_unit() {
    assert_eq!(decimals_for(d("100"), d("10000")), 2);
    assert_eq!(decimals_for(d("10000"), d("10000")), 0);
    assert_eq!(decimals_for(d("100000"), d("10000")), 0);
    assert_eq!(decimals_for(d("0.01"), Decimal::ONE), 2);
    assert_eq!(decimals_for(d("1"), d("100000000")), 8);
    assert_eq!(decimals_for(Decimal::ZERO, Decimal::ONE), 0);
}

#[test]
fn exact_figures_give_exact_results() {
    let r = backward_difference(d("87.21"), Decimal::ZERO, d("20.68"), Decimal::ZERO).unwrap();
    assert_eq!(shown(&r), s("66.53", "66.53", "66.53", "0.01"));
    assert!(!r.approximate);
    let r = backward_difference(d("21.08"), Decimal::ZERO, d("3.08"), Decimal::ZERO).unwrap();
    assert_eq!(shown(&r), s("18", "18", "18", "0.01"));
    assert_eq!(r.in_unit(Decimal::ONE).unwrap().to_string(), "18.00", "an exact value keeps its decimals");
    let r = forward_difference(d("30"), Decimal::ZERO, d("-3"), Decimal::ZERO).unwrap();
    assert_eq!((r.value, r.approximate), (d("27"), false));
    let r = backward_relative(d("1865"), Decimal::ZERO, Decimal::ZERO, Decimal::ZERO).unwrap();
    assert_eq!((shown(&r), r.approximate), (s("1865", "1865", "1865", "1"), false));
    let r = forward_relative(d("1054"), Decimal::ZERO, d("77"), Decimal::ZERO).unwrap();
    assert_eq!((shown(&r), r.approximate), (s("1865.58", "1865.58", "1865.58", "0.01"), false));
    // Exact figures whose quotient does not terminate: every digit a decimal holds.
    let r = backward_relative(d("1865"), Decimal::ZERO, d("77"), Decimal::ZERO).unwrap();
    assert!(r.approximate && r.interval.contains(r.value));
    assert!(d("1053.67") < r.value && r.value < d("1053.68") && r.step == d("1e-25"), "{r:?}");
}

#[test]
fn rounded_differences_are_approximate() {
    let r = backward_difference(d("87.21"), d("0.005"), d("20.68"), d("0.005")).unwrap();
    assert_eq!((shown(&r), r.approximate), (s("66.53", "66.52", "66.54", "0.01"), true));
    // 31.5万 − 4.6万 and back: ± 1000, so to the thousand.
    let r = backward_difference(d("315000"), d("500"), d("46000"), d("500")).unwrap();
    assert_eq!(shown(&r), s("269000", "268000", "270000", "1000"));
    assert_eq!(r.in_unit(d("10000")).unwrap().to_string(), "26.9");
    let r = forward_difference(d("269000"), d("500"), d("46000"), d("500")).unwrap();
    assert_eq!(r.in_unit(d("10000")).unwrap().to_string(), "31.5");
    // A rate change in points may leave 0–100: the caller's to refuse, and nothing panics.
    let r = backward_difference(d("10"), Decimal::ZERO, d("20"), Decimal::ZERO).unwrap();
    assert_eq!(r.value, d("-10"));
    let r = forward_difference(d("95"), d("0.5"), d("8.2"), d("0.05")).unwrap();
    assert_eq!((r.value, r.step), (d("103.2"), d("0.1")));
}

#[test]
fn zero_values() {
    let r = backward_difference(d("3"), Decimal::ZERO, d("3"), Decimal::ZERO).unwrap();
    assert_eq!(r.value.to_string(), "0");
    let r = forward_difference(d("-0.4"), d("0.5"), Decimal::ZERO, d("0.5")).unwrap();
    assert_eq!((r.value.to_string(), r.step), ("0".into(), Decimal::ONE), "no minus zero");
    let r = backward_relative(Decimal::ZERO, Decimal::ZERO, d("17.1"), d("0.05")).unwrap();
    assert_eq!((shown(&r), r.approximate), (s("0", "0", "0", "1"), false));
    // 0.0 stands for −0.05 to 0.05: 约0, which the sources cannot rule out.
    let r = backward_relative(d("0.0"), d("0.05"), d("10"), d("0.5")).unwrap();
    assert_eq!((shown(&r), r.approximate), (s("0", "-0.046", "0.046", "0.01"), true));
    let r = forward_difference(Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO).unwrap();
    assert_eq!((r.value, r.approximate), (Decimal::ZERO, false));
    let r = forward_relative(Decimal::ZERO, Decimal::ZERO, d("50"), d("0.5")).unwrap();
    assert_eq!((r.value, r.approximate), (Decimal::ZERO, false));
}

#[test]
fn falls_and_no_change() {
    // 较2021年下降了20.2%: 79.8 → last year 99.87–100.13, 约100.
    let r = backward_relative(d("79.8"), d("0.05"), d("-20.2"), d("0.05")).unwrap();
    assert_eq!(shown(&r), s("100", "99.87", "100.13", "0.1"));
    let r = backward_relative(d("1865"), Decimal::ZERO, Decimal::ZERO, d("0.05")).unwrap();
    assert_eq!((shown(&r), r.approximate), (s("1865", "1864.06", "1865.94", "0.1"), true));
    // −99.9% (± 0.05): last year was 667 to 2000 times this year's.
    let r = backward_relative(d("1000"), Decimal::ZERO, d("-99.9"), d("0.05")).unwrap();
    assert_eq!(shown(&r), s("1000000", "666666", "2000000", "100000"));
    for (pct, half) in [("-100", "0.5"), ("-100", "0"), ("-100.5", "0.05"), ("-99.95", "0.05"), ("-250", "0.5")] {
        assert_eq!(backward_relative(d("1865"), Decimal::ZERO, d(pct), d(half)), None, "{pct} ± {half}");
    }
}

#[test]
fn a_lopsided_interval_never_rounds_its_value_out_of_it() {
    // −99.949% (± 0.05): 990–100000, estimate 1961; to the step of 10000 that is 0, which the
    // sources rule out, so the value is the nearest multiple inside.
    let r = backward_relative(Decimal::ONE, Decimal::ZERO, d("-99.949"), d("0.05")).unwrap();
    assert_eq!(shown(&r), s("10000", "990", "100000", "10000"));
    let r = conclude(d("100.45"), &[(d("100.4"), true), (d("104.4"), true)], 0).unwrap();
    assert_eq!(shown(&r), s("101", "100.4", "104.4", "1"));
    let r = conclude(d("104.35"), &[(d("100.4"), true), (d("104.4"), true)], 0).unwrap();
    assert_eq!(r.value, d("104"));
}

#[test]
fn forward_relative_changes() {
    let r = forward_relative(d("1054"), Decimal::ZERO, d("77"), d("0.5")).unwrap();
    assert_eq!(shown(&r), s("1866", "1860.3", "1870.9", "1"));
    let r = forward_relative(d("268000"), d("500"), d("17.1"), d("0.05")).unwrap();
    assert!(r.approximate && r.interval.contains(r.value) && r.step == d("100"));
    // "下降100%": the value fell to zero, and the rounding of 100% does not carry it below.
    let r = forward_relative(d("50"), Decimal::ZERO, d("-100"), d("0.5")).unwrap();
    assert_eq!((shown(&r), r.approximate), (s("0", "0", "0.25", "0.1"), true));
    assert_eq!(forward_relative(d("50"), Decimal::ZERO, d("-150"), d("0.5")), None);
    let r = forward_relative(d("1000"), Decimal::ZERO, d("-99.9"), d("0.05")).unwrap();
    assert_eq!(shown(&r), s("1", "0.5", "1.5", "0.1"));
}

#[test]
fn tiny_values() {
    let r = backward_relative(d("0.0003"), d("0.00005"), d("50"), d("0.5")).unwrap();
    assert_eq!(shown(&r), s("0.0002", "0.000166", "0.000235", "0.00001"));
    // At the last digit a decimal holds, the rounding of the quotient still shows.
    let r = backward_relative(d("0.0000000000000000000000000003"), Decimal::ZERO, d("77"), d("0.5")).unwrap();
    assert!(r.approximate && r.interval.contains(r.value) && r.step == d("1e-28"));
}

#[test]
fn every_result_keeps_its_promises_even_at_28_digits() {
    let values =
        ["0", "1865", "-3", "0.0003", "1e-28", "9999999999999999999999999999", "-79228162514264337593543950335"];
    let halves = ["0", "0.5", "0.00005", "5000000000000000000000000000"];
    let pcts = ["-100", "-99.9", "-20.2", "0", "17.1", "77", "1e-28", "9999999999999999999999999999"];
    let (mut some, mut none) = (0, 0);
    for v in values.map(d) {
        for h in halves.map(d) {
            for p in pcts.map(d) {
                for ph in ["0", "0.05"].map(d) {
                    for r in [
                        backward_relative(v, h, p, ph),
                        forward_relative(v, h, p, ph),
                        backward_difference(v, h, p, ph),
                        forward_difference(v, h, p, ph),
                    ] {
                        let Some(r) = r else {
                            none += 1;
                            continue;
                        };
                        some += 1;
                        let ctx = format!("{v} ± {h}, {p} ± {ph}: {r:?}");
                        assert!(r.interval.contains(r.value), "{ctx}");
                        assert_eq!(r.step, pow10(floor_log10(r.step)), "{ctx}");
                        assert!(r.value.normalize().scale() <= r.step.scale(), "{ctx}");
                        if r.approximate {
                            let width = r.interval.high.checked_sub(r.interval.low);
                            assert!(width.is_none_or(|w| r.step * Decimal::TWO <= w), "{ctx}");
                        } else {
                            assert_eq!((r.interval.low, r.interval.high), (r.value, r.value), "{ctx}");
                        }
                    }
                }
            }
        }
    }
    assert!(some > 0 && none > 0, "{some} results, {none} refused");
    assert_eq!(backward_relative(Decimal::ONE, d("-1"), Decimal::ZERO, Decimal::ZERO), None);
}
