//! The host page's raw configuration, parsed into a checked [`WidgetConfig`].

use kefu_protocol::Locale;
use serde::Deserialize;
use wasm_bindgen::JsValue;

/// The configuration the UI runs with; every field already validated.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    /// UI language.
    pub locale: Locale,
    /// The shop's name for the header; empty for none.
    pub shop_name: String,
}

/// What the loader passes; only used to build a [`WidgetConfig`].
#[derive(Deserialize)]
struct RawConfig {
    locale: Locale,
    #[serde(default)]
    shop: Option<String>,
}

/// The configuration cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("invalid widget configuration: {0}")]
pub struct ConfigError(String);

impl WidgetConfig {
    /// Parses the loader's object.
    pub fn from_js(value: JsValue) -> Result<WidgetConfig, ConfigError> {
        let raw: RawConfig =
            serde_wasm_bindgen::from_value(value).map_err(|e| ConfigError(e.to_string()))?;
        let shop_name: String = raw
            .shop
            .unwrap_or_default()
            .trim()
            .chars()
            .take(60)
            .collect();
        Ok(WidgetConfig {
            locale: raw.locale,
            shop_name,
        })
    }
}
