use super::*;

fn w(text: &str) -> Written {
    Written::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn err(text: &str) -> WrittenError {
    Written::parse(text).expect_err(text)
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn every_qualifier_is_read_where_it_is_written() {
    for q in Qualifier::ALL {
        let text = match q.placement() {
            Placement::Before => format!("{}30", q.text()),
            Placement::After => format!("30{}", q.text()),
        };
        let v = w(&text);
        assert_eq!((v.qualifier, v.value, v.written()), (Some(q), d("30"), text.clone()));
        assert_eq!(Qualifier::from_word(q.text()), Some(q));
    }
    assert_eq!(Qualifier::from_word("大约"), None);
}

#[test]
fn meanings_follow_the_table() {
    use Meaning::*;
    let meanings: Vec<Meaning> = Qualifier::ALL.into_iter().map(Qualifier::meaning).collect();
    let expected = [
        About,
        Nearly,
        MoreThan,
        MoreThanRoughly,
        LessThan,
        LessThan,
        MoreThanRoughly,
        MoreThanRoughly,
        About,
        AtLeast,
        AtMost,
        AtMost,
    ];
    assert_eq!(meanings, expected);
    let bounds: Vec<&str> = Qualifier::ALL.into_iter().filter(|q| q.is_bound()).map(Qualifier::text).collect();
    assert_eq!(bounds, ["超过", "不到", "不足", "以上", "以下", "以内"]);
    let approx: Vec<&str> = Qualifier::ALL.into_iter().filter(|q| q.is_approximate()).map(Qualifier::text).collect();
    assert_eq!(approx, ["约", "近", "逾", "余", "多", "左右"]);
}

#[test]
fn old_keys_map_to_qualifiers() {
    assert_eq!(Qualifier::APPROX.text(), "约");
    assert_eq!(Qualifier::from_bound_key("above").map(Qualifier::text), Some("以上"));
    assert_eq!(Qualifier::from_bound_key("below").map(Qualifier::text), Some("以下"));
    assert_eq!(Qualifier::from_bound_key("over"), None);
    let v = Written::plain(d("85")).with_qualifier(Qualifier::BOUND_ABOVE);
    assert_eq!((v.written(), v.zh("%")), ("85以上".to_string(), "85%以上".to_string()));
}

#[test]
fn magnitudes_scale_exactly() {
    let cases = [
        ("31.5万", "315000", "31.5", Magnitude::Wan),
        ("31.50万", "315000", "31.50", Magnitude::Wan),
        ("1.23456万", "12345.6", "1.23456", Magnitude::Wan),
        ("0.0001万", "1", "0.0001", Magnitude::Wan),
        ("2.5亿", "250000000", "2.5", Magnitude::Yi),
        ("1.2万亿", "1200000000000", "1.2", Magnitude::WanYi),
        ("-3万", "-30000", "-3", Magnitude::Wan),
        ("21.10", "21.10", "21.10", Magnitude::One),
    ];
    for (text, value, mantissa, magnitude) in cases {
        let v = w(text);
        assert_eq!(v.value.to_string(), value, "{text}");
        assert_eq!(v.mantissa.to_string(), mantissa, "{text}");
        assert_eq!(v.magnitude, magnitude, "{text}");
        assert_eq!(v.value, v.mantissa * magnitude.factor(), "{text}");
        assert_eq!(v.written(), text);
    }
    assert_eq!(Magnitude::from_word("万亿"), Some(Magnitude::WanYi));
    assert_eq!(Magnitude::WanYi.factor(), Decimal::from(1_000_000_000_000_i64));
}

#[test]
fn combinations_keep_value_and_words() {
    let v = w("约31.5万");
    assert_eq!((v.value, v.qualifier, v.zh("件")), (d("315000"), Some(Qualifier::About), "约31.5万件".into()));
    let v = w("90%以上");
    assert_eq!((v.value, v.percent, v.qualifier), (d("90"), true, Some(Qualifier::AndAbove)));
    let v = w("1.2万余");
    assert_eq!((v.value, v.qualifier, v.written()), (d("12000"), Some(Qualifier::Odd), "1.2万余".into()));
    let v = w("近30");
    assert_eq!((v.value, v.qualifier), (d("30"), Some(Qualifier::Nearly)));
    let v = w("  约 3 万 左右".replace("左右", "").as_str());
    assert_eq!(v.written(), "约3万");
    assert_eq!(w(" 90 % 以上 ").written(), "90%以上");
}

#[test]
fn chinese_display_puts_each_word_where_it_belongs() {
    assert_eq!(w("约3万").zh("件"), "约3万件");
    assert_eq!(w("1500余").zh("家次"), "1500余家次");
    assert_eq!(w("3万左右").zh("件"), "3万件左右");
    assert_eq!(w("90%以上").zh("%"), "90%以上");
    assert_eq!(w("90以上").zh("%"), "90%以上");
    assert_eq!(w("90%以上").zh(""), "90%以上");
    assert_eq!(w("30以下").zh(""), "30以下");
    assert_eq!(w("31.5万").zh("件"), "31.5万件");
    assert_eq!(w("近30").zh("次"), "近30次");
    assert_eq!(w("300多").zh("人"), "300多人");
    assert_eq!(w("21.10").zh("%"), "21.10%");
}

#[test]
fn english_display_follows_the_table() {
    assert_eq!(w("约3万").en(""), "about 30,000");
    assert_eq!(w("3万左右").en("cases"), "about 30,000 cases");
    assert_eq!(w("1500余").en(""), "1,500+");
    assert_eq!(w("1500余").en("cases"), "1,500+ cases");
    assert_eq!(w("逾30%").en("%"), "30%+");
    assert_eq!(w("近30").en(""), "nearly 30");
    assert_eq!(w("90%以上").en("%"), "≥ 90%");
    assert_eq!(w("超过90%").en("%"), "> 90%");
    assert_eq!(w("30以下").en(""), "≤ 30");
    assert_eq!(w("30以内").en(""), "≤ 30");
    assert_eq!(w("不到30").en(""), "< 30");
    assert_eq!(w("不足30").en(""), "< 30");
    assert_eq!(w("31.5万").en("cases"), "315,000 cases");
    assert_eq!(w("1.23456万").en(""), "12,345.6");
    assert_eq!(w("-1234567.50").en(""), "-1,234,567.50");
    assert_eq!(w("100").en(""), "100");
    assert_eq!(Qualifier::Odd.english_format("1,500"), "1,500+");
}

#[test]
fn half_unit_is_half_the_last_written_digit() {
    let cases = [
        ("31.5万", "500"),
        ("21.08", "0.005"),
        ("1865", "0.5"),
        ("3万", "5000"),
        ("0.0001万", "0.5"),
        ("1.23456万", "0.05"),
        ("2.5亿", "5000000"),
        ("3亿", "50000000"),
        ("1.2万亿", "50000000000"),
        ("7万亿", "500000000000"),
        ("0.000000000000000000000000001", "0.0000000000000000000000000005"),
    ];
    for (text, half) in cases {
        assert_eq!(w(text).half_unit().to_string(), half, "{text}");
    }
}

#[test]
fn twenty_eight_digits_and_no_more() {
    let max = "9".repeat(28);
    assert_eq!(w(&max).value.to_string(), max);
    assert!(err(&"9".repeat(29)).message.contains("28"));
    let e = err(&format!("{}万亿", "1".repeat(20)));
    assert!(e.message.contains("more digits than annalist can keep exactly (28)"), "{e}");
    assert_eq!(e.offset, 0);
    assert_eq!(
        w(&format!("{}万亿", "1".repeat(16))).value.to_string(),
        format!("{}{}", "1".repeat(16), "0".repeat(12))
    );
    assert!(err(&format!("{}万亿", "1".repeat(17))).message.contains("(28)"));
    // Decimals absorb the shift: 28 digits stay 28 digits.
    assert_eq!(w("1.234567890123456789012345万亿").value.to_string(), "1234567890123.456789012345");
}

#[test]
fn malformed_values_say_what_and_where() {
    let cases: [(&str, usize, &str); 16] = [
        ("约约3", 1, "two qualifiers (两个限定词)"),
        ("3万万", 2, "two of 万 / 亿"),
        ("3余以上", 2, "two qualifiers"),
        ("约3万余", 3, "two qualifiers"),
        ("1,500", 1, "thousands separators: write it without them, 1500"),
        ("1,500余", 1, "write it without them, 1500余"),
        ("1，500", 1, "1500"),
        ("３０", 0, "full-width digits: write 30"),
        ("约３０．５万", 1, "write 约30.5万"),
        ("30％", 2, "full-width percent sign: write 30%"),
        ("余3", 0, "'余' is written after the number"),
        ("3约", 1, "'约' is written before the number"),
        ("1500余万", 5, "write 余 after it (1500万余)"),
        ("大约3", 0, "约 近 超过 逾 不到 不足"),
        ("3件", 1, "余 多 左右 以上 以下 以内"),
        ("三万", 0, "Chinese numerals"),
    ];
    for (text, offset, says) in cases {
        let e = err(text);
        assert!(e.message.contains(says), "{text}: {e}");
        assert_eq!(e.offset, offset, "{text}: {e}");
    }
}

#[test]
fn figures_keep_parse_decimal_rules() {
    let cases = [
        ("+3", 0, "plus sign, which a figure would not keep: write 3"),
        ("约+3", 1, "write 约3"),
        ("-0", 0, "negative zero"),
        ("010", 0, "(write 10)"),
        ("约010万", 1, "(write 10)"),
        ("1.", 0, "is not a number"),
        ("1.2.3", 0, "is not a number"),
        ("", 0, "expected a number"),
        ("约", 1, "expected a number"),
        ("3万%", 2, "percentage written with 万"),
        ("1e3", 1, "'e' is not part of a value"),
    ];
    for (text, offset, says) in cases {
        let e = err(text);
        assert!(e.message.contains(says), "{text}: {e}");
        assert_eq!(e.offset, offset, "{text}: {e}");
    }
    assert_eq!(w("-3").value, d("-3"));
    assert_eq!(w("0").value, d("0"));
}

#[test]
fn offsets_count_characters_not_bytes() {
    let e = err("  约近3");
    assert_eq!(e.offset, 3);
}

#[test]
fn percent_and_unit_are_the_callers_to_allow() {
    assert!(Written::parse_for("90%以上", "%", true).is_ok());
    let e = Written::parse_for("90%以上", "件", false).unwrap_err();
    assert!(e.message.contains("only a rate's value may carry (its unit is 件): write 90以上"), "{e}");
    assert_eq!(e.offset, 2);
    let e = Written::parse_for("31.5万件", "件", false).unwrap_err();
    assert!(e.message.contains("write it without (31.5万)"), "{e}");
    assert_eq!(e.offset, 5);
    let e = Written::parse_for("1500余家次", "家次", false).unwrap_err();
    assert!(e.message.contains("(1500余)"), "{e}");
    let e = Written::parse_for("3万件左右", "件", false).unwrap_err();
    assert!(e.message.contains("(3万左右)"), "{e}");
}

#[test]
fn a_change_between_values_in_the_same_word_keeps_it() {
    let (a, b) = (w("31.5万"), w("26.9万"));
    assert_eq!(same_magnitude(&a, &b), Some(Magnitude::Wan));
    assert_eq!(written_difference(&a, &b).map(|(d, m)| (d.to_string(), m)), Some(("4.6".into(), Magnitude::Wan)));
    let (a, b) = (w("31.52万"), w("26.9万"));
    assert_eq!(written_difference(&a, &b).map(|(d, _)| d.to_string()), Some("4.62".into()));
    assert_eq!(same_magnitude(&w("3万"), &w("30000")), None);
    assert_eq!(written_difference(&w("21.08"), &w("18")).map(|(d, _)| d.to_string()), Some("3.08".into()));
}

#[test]
fn grouping_handles_every_length() {
    let cases = [
        ("0", "0"),
        ("1", "1"),
        ("999", "999"),
        ("1000", "1,000"),
        ("123456", "123,456"),
        ("1234567.891", "1,234,567.891"),
    ];
    for (v, g) in cases {
        assert_eq!(grouped(d(v)), g);
    }
}

#[test]
fn a_value_says_what_it_may_be_used_for() {
    assert!(w("90%以上").is_bound() && !w("90%以上").is_approximate());
    assert!(w("1500余").is_approximate() && !w("1500余").is_bound());
    assert_eq!(w("不足30").meaning(), Some(Meaning::LessThan));
    assert_eq!((w("30").meaning(), w("30").is_bound(), w("30").is_approximate()), (None, false, false));
    assert_eq!(Qualifier::Odd.to_string(), "余");
    assert_eq!(serde_json::to_string(&Qualifier::AndAbove).unwrap(), "\"以上\"");
    assert_eq!(serde_json::to_string(&Meaning::MoreThanRoughly).unwrap(), "\"more_than_roughly\"");
}
