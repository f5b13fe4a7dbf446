use super::*;
use crate::model::figure::{ChangeForm, StatedChange};

fn c(text: &str, unit: &str) -> ChangeWords {
    ChangeWords::parse(text, unit).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn err(text: &str, unit: &str) -> WrittenError {
    ChangeWords::parse(text, unit).expect_err(text)
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn every_verb_gives_its_direction() {
    for verb in UP_VERBS {
        let change = c(&format!("{verb}3%"), "件");
        assert_eq!((change.sign, change.amount, change.form), (Sign::Up, d("3"), Form::Percent), "{verb}");
    }
    for verb in DOWN_VERBS {
        let change = c(&format!("{verb}3%"), "件");
        assert_eq!((change.sign, change.amount, change.form), (Sign::Down, d("-3"), Form::Percent), "{verb}");
    }
}

#[test]
fn every_comparison_is_read() {
    let cases = [
        ("同比增长77%", None),
        ("比上年增长77%", None),
        ("较上年增长77%", None),
        ("比去年增长77%", None),
        ("较去年增长77%", None),
        ("较上一年增长77%", None),
        ("较上年同期增长77%", None),
        ("与上年相比增长77%", None),
        ("与去年相比，增长77%", None),
        ("与上年相比, 增长77%", None),
        ("较2021年增长77%", Some(2021)),
        ("比2019年增长77%", Some(2019)),
        ("与2020年相比增长77%", Some(2020)),
        ("增长77%", None),
    ];
    for (text, year) in cases {
        let change = c(text, "件");
        assert_eq!((change.amount, change.base_year, change.text.as_str()), (d("77"), year, text));
    }
}

#[test]
fn the_design_examples_read_as_meant() {
    let change = c("较2021年下降了20.2%", "%");
    assert_eq!(
        (change.sign, change.amount, change.form, change.base_year),
        (Sign::Down, d("-20.2"), Form::Percent, Some(2021))
    );
    assert_eq!(change.half_unit, d("0.05"));
    let change = c("较上年下降了3件", "件");
    assert_eq!((change.amount, change.form, change.half_unit), (d("-3"), Form::Absolute, d("0.5")));
    let change = c("提高4.2个百分点", "%");
    assert_eq!((change.amount, change.form), (d("4.2"), Form::Points));
    let change = c("同比提升20.68%", "%");
    assert_eq!((change.amount, change.form, change.half_unit), (d("20.68"), Form::Percent, d("0.005")));
}

#[test]
fn le_may_follow_the_verb() {
    assert_eq!(c("增长了77%", "").amount, d("77"));
    assert_eq!(c("同比减少了 12 件", "件").amount, d("-12"));
}

#[test]
fn flat_stands_alone() {
    for text in ["持平", "同比持平", "与上年持平", "与2021年持平", " 持平 "] {
        let change = c(text, "件");
        assert_eq!(
            (change.sign, change.amount, change.form, change.half_unit),
            (Sign::Unchanged, d("0"), Form::Flat, d("0"))
        );
        assert_eq!(change.short(), "0");
    }
    assert_eq!(c("与2021年持平", "件").base_year, Some(2021));
    let e = err("持平3%", "件");
    assert!(e.message.contains("持平 stands alone"), "{e}");
    assert_eq!(e.offset, 2);
}

#[test]
fn an_absolute_change_may_carry_wan_and_the_unit() {
    let change = c("增加1.2万件", "件");
    assert_eq!((change.amount, change.mantissa, change.magnitude), (d("12000"), d("1.2"), Magnitude::Wan));
    assert_eq!((change.half_unit, change.number(), change.short()), (d("500"), "1.2万".into(), "+1.2万".into()));
    assert_eq!(c("增加3", "件").amount, d("3"));
    assert_eq!(c("减少2亿元", "元").amount, d("-200000000"));
    // A unit with 万 in it is the unit, not a magnitude.
    let change = c("增加1.5万元", "万元");
    assert_eq!((change.amount, change.magnitude), (d("1.5"), Magnitude::One));
    assert_eq!(c("+1.2万", "件").amount, d("12000"));
    assert_eq!(c("-3件", "件").amount, d("-3"));
}

#[test]
fn short_forms_read_as_stated_change_reads_them() {
    let forms = [
        ("+77%", ChangeForm::Percent, Form::Percent),
        ("-3", ChangeForm::Absolute, Form::Absolute),
        ("3", ChangeForm::Absolute, Form::Absolute),
        ("+20.68pp", ChangeForm::Points, Form::Points),
        ("+20.68 pp", ChangeForm::Points, Form::Points),
        ("+1.5个百分点", ChangeForm::Points, Form::Points),
        ("-0.0%", ChangeForm::Percent, Form::Percent),
        ("-0", ChangeForm::Absolute, Form::Absolute),
        ("-0pp", ChangeForm::Points, Form::Points),
        ("-99.9%", ChangeForm::Percent, Form::Percent),
    ];
    for (text, old_form, form) in forms {
        let old = StatedChange::parse(text).unwrap();
        let new = c(text, "");
        assert_eq!((old.form, new.form), (old_form, form), "{text}");
        assert_eq!(old.amount, new.amount, "{text}");
        assert_eq!(old.amount.to_string(), new.amount.to_string(), "{text}: scale and sign kept");
        assert_eq!(new.text, old.text);
    }
    assert_eq!(c("-0.0%", "").sign, Sign::Down);
    assert_eq!(c("0", "").sign, Sign::Unchanged);
    assert_eq!(c("+0", "").sign, Sign::Up);
    for refused in ["-100%", "-150%", "lots", "-05%", "1.", "+", ""] {
        assert!(StatedChange::parse(refused).is_err(), "{refused}");
        assert!(ChangeWords::parse(refused, "").is_err(), "{refused}");
    }
}

#[test]
fn a_fall_of_a_hundred_percent_or_more_is_refused() {
    for text in ["下降100%", "同比下降120%", "-100%", "-100.0%"] {
        let e = err(text, "件");
        assert!(e.message.contains("zero or negative"), "{text}: {e}");
    }
    assert_eq!(err("同比下降100%", "件").offset, 2);
    assert_eq!(c("增长100%", "件").amount, d("100"));
    assert_eq!(c("减少100件", "件").amount, d("-100"), "an absolute fall is not a percentage");
}

#[test]
fn malformed_changes_say_what_and_where() {
    let cases: [(&str, &str, usize, &str); 15] = [
        (
            "下降-3%",
            "件",
            2,
            "after 下降 the number has no sign, the verb says which way; write 下降3% (or the short form -3%)",
        ),
        ("增长+3%", "件", 2, "write 增长3%"),
        ("增加3人", "件", 3, "this indicator's unit is 件: write 增加3件 or 增加3"),
        ("增加3人", "", 3, "this indicator has no unit: write 增加3"),
        ("翻番", "件", 0, "增长 增加 上升 提高 提升 上涨 (up)"),
        ("同比大幅增长3%", "件", 2, "'大幅增长' is not a change"),
        ("较前年增长3%", "件", 1, "after 较 comes 上年, 去年 or a year"),
        ("与上年增长3%", "件", 3, "after 与上年 comes 相比"),
        ("增长1.5倍", "件", 5, "倍 (times)"),
        ("增长约3%", "件", 2, "without a qualifier"),
        ("增长三成", "件", 2, "Chinese numerals"),
        ("增长", "件", 2, "a number is expected after the verb"),
        ("增长1,500件", "件", 3, "thousands separators: write it without them, 增长1500件"),
        ("增长３％", "件", 2, "full-width digits: write 增长3%"),
        ("增长3万%", "件", 4, "with 万"),
    ];
    for (text, unit, offset, says) in cases {
        let e = err(text, unit);
        assert!(e.message.contains(says), "{text}: {e}");
        assert_eq!(e.offset, offset, "{text}: {e}");
    }
    assert!(err("增长05%", "件").message.contains("(write 5)"));
    assert!(err("增长3%%", "件").message.contains("'%' cannot follow"));
}

#[test]
fn half_units_are_in_the_amounts_own_terms() {
    let cases = [
        ("+77%", "0.5"),
        ("同比增长17.1%", "0.05"),
        ("+20.68pp", "0.005"),
        ("-3", "0.5"),
        ("+1.2万", "500"),
        ("增加3亿", "50000000"),
    ];
    for (text, half) in cases {
        assert_eq!(c(text, "").half_unit.to_string(), half, "{text}");
    }
}

#[test]
fn the_short_form_of_a_change_in_words() {
    assert_eq!(c("同比增长77%", "").short(), "+77%");
    assert_eq!(c("较上年下降了3件", "件").short(), "-3");
    assert_eq!(c("提高4.20个百分点", "%").short(), "+4.20pp");
    assert_eq!(c("减少1.2万", "件").mantissa, d("1.2"), "the mantissa is unsigned");
}
