//! Unicode NFC for everything that reaches Typst: a letter typed as a base and combining
//! marks (`e` + U+0302 + U+0303) becomes its precomposed code point (`ễ`), so a font with
//! that letter draws it as one glyph, and the PDF's text layer reads it once.

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// `text` in Normalization Form C (borrowed when it already is).
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// Every string (and key) in `value`, however deep, in Normalization Form C.
pub fn nfc_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(n) = nfc(s) {
                *s = n;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(nfc_value),
        serde_json::Value::Object(map) => {
            let old = std::mem::take(map);
            for (key, mut v) in old {
                nfc_value(&mut v);
                map.insert(nfc(&key).into_owned(), v);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_marks_compose() {
        assert_eq!(nfc("Nguye\u{302}\u{303}n"), "Nguy\u{1EC5}n");
        assert!(matches!(nfc("Nguyễn"), std::borrow::Cow::Borrowed(_)));
        let mut v = serde_json::json!({"a": ["Zeyne\u{302}p", 1], "Ho\u{308}": "x"});
        nfc_value(&mut v);
        assert_eq!(v, serde_json::json!({"a": ["Zeynêp", 1], "Hö": "x"}));
    }
}
