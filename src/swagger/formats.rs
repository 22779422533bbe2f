//! Whether a value is one of a `format`'s: the formats validators check a `default` against
//! (`date-time` and `date` as RFC 3339 writes them, `time`, `int32` and `int64` ranges, `byte` as
//! base64, `email`, `ipv4`, `ipv6` and `uuid`). Other formats, and values of another JSON type
//! than the format's, are not judged.

use serde_json::Value;

/// Whether `value` is not a value of `format`: `false` for a value it fits, and for a format (or
/// a JSON type) this check does not judge.
pub fn breaks(format: &str, value: &Value) -> bool {
    match (format, value) {
        // Validators judge only whole numbers written as such (`5.0` is a float to them).
        ("int32", Value::Number(n)) => match n.as_i64() {
            Some(i) => i32::try_from(i).is_err(),
            None => n.is_u64(),
        },
        ("int64", Value::Number(n)) => n.is_u64() && n.as_i64().is_none(),
        (_, Value::String(s)) => match format {
            "date-time" => !is_date_time(s),
            "date" => !is_date(s),
            "time" => !is_time(s),
            "byte" => !is_base64(s),
            "email" => !s.contains('@'),
            "ipv4" => s.parse::<std::net::Ipv4Addr>().is_err(),
            "ipv6" => s.parse::<std::net::Ipv6Addr>().is_err(),
            "uuid" => !is_uuid(s),
            _ => false,
        },
        _ => false,
    }
}

/// `YYYY-MM-DD`, a real day.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    else {
        return false;
    };
    (1..=12).contains(&month) && day >= 1 && day <= days_in(year, month)
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// RFC 3339's `date-time`: a date, `T`, a time with its offset.
fn is_date_time(s: &str) -> bool {
    match s.find(['T', 't']) {
        Some(10) => is_date(&s[..10]) && is_time(&s[11..]),
        _ => false,
    }
}

/// RFC 3339's `full-time`: `HH:MM:SS`, an optional fraction, and `Z` or `+HH:MM`/`-HH:MM`.
fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(sec)) = (digits(&b[0..2]), digits(&b[3..5]), digits(&b[6..8]))
    else {
        return false;
    };
    if h > 23 || m > 59 || sec > 60 {
        return false;
    }
    let mut rest = &b[8..];
    if let [b'.', tail @ ..] = rest {
        let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &tail[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((digits(&[*h1, *h2]), digits(&[*m1, *m2])), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

/// The number the ASCII digits `b` write; `None` when one is not a digit.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// Base64 with its padding (the empty text included).
fn is_base64(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(4) {
        return false;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    pad <= 2
        && b[..b.len() - pad]
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_that_break_their_format() {
        let broken = [
            ("date-time", json!("Now + 30 minutes")),
            ("date-time", json!("2024-02-30T10:00:00Z")),
            ("date-time", json!("2024-01-01T10:00:00")),
            ("date-time", json!("2024-01-01")),
            ("date", json!("2024-13-01")),
            ("date", json!("yesterday")),
            ("time", json!("25:00:00Z")),
            ("int32", json!(2_147_483_648_u64)),
            ("int32", json!(-2_147_483_649_i64)),
            ("int64", json!(9_223_372_036_854_775_808_u64)),
            ("byte", json!("string")),
            ("byte", json!("YQ=a")),
            ("email", json!("nobody")),
            ("ipv4", json!("256.1.1.1")),
            ("ipv6", json!("::g")),
            ("uuid", json!("3fa85f64-5717-4562-b3fc-2c963f66afa")),
        ];
        for (format, value) in &broken {
            assert!(breaks(format, value), "{format} {value}");
        }
        let fine = [
            ("date-time", json!("2024-02-29T10:00:00Z")),
            ("date-time", json!("2024-01-01t10:00:00.123+05:30")),
            ("date", json!("2023-12-31")),
            ("time", json!("23:59:60-08:00")),
            ("int32", json!(2_147_483_647)),
            ("int32", json!(-2_147_483_648_i64)),
            ("int64", json!(-9_223_372_036_854_775_808_i64)),
            ("int32", json!(5e12)),
            ("byte", json!("")),
            ("byte", json!("YWJjZA==")),
            ("email", json!("a@b")),
            ("ipv4", json!("10.0.0.1")),
            ("ipv6", json!("::1")),
            ("uuid", json!("3fa85f64-5717-4562-b3fc-2c963f66afa6")),
            // Not judged: another type than the format's, or a format not checked.
            ("date-time", json!(5)),
            ("int32", json!("x")),
            ("uri", json!("not a uri")),
        ];
        for (format, value) in &fine {
            assert!(!breaks(format, value), "{format} {value}");
        }
    }
}
