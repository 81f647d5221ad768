//! Traditional and simplified Chinese are one language for Kefu: folding to simplified.

use crate::t2s_table::T2S;

/// The simplified form of a traditional character; any other character unchanged.
pub fn to_simplified(c: char) -> char {
    match T2S.binary_search_by_key(&c, |(t, _)| *t) {
        Ok(i) => T2S[i].1,
        Err(_) => c,
    }
}

/// Whether `c` is written differently in simplified Chinese (so seeing it means traditional script).
pub fn is_traditional(c: char) -> bool {
    to_simplified(c) != c
}

/// `text` with every traditional character folded to simplified.
pub fn fold_to_simplified(text: &str) -> String {
    text.chars().map(to_simplified).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_folds() {
        assert!(
            T2S.windows(2).all(|w| w[0].0 < w[1].0),
            "binary search needs a sorted table"
        );
        assert_eq!(
            fold_to_simplified("我的訂單還沒到，運費多少？"),
            "我的订单还没到，运费多少？"
        );
        assert_eq!(
            fold_to_simplified("order A10293 已发货"),
            "order A10293 已发货"
        );
        assert!(is_traditional('們') && !is_traditional('们') && !is_traditional('a'));
    }
}
