//! HS256 JSON Web Tokens, and nothing else: the header must say `alg: HS256`, so `none`,
//! RS256-with-the-secret-as-key and friends are refused before the signature is looked at.
//!
//! [`mint`] is what a merchant's server does (in any language: see the README) and what the
//! backend does for guest sessions; [`verify`] runs on every request.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use kefu_api::ShopperClaims;
use serde::Deserialize;
use sha2::Sha256;

/// Why a token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not three base64url parts of JSON.
    #[error("malformed token")]
    Malformed,
    /// The header names another algorithm than HS256 (including `none`).
    #[error("token algorithm is not HS256")]
    Algorithm,
    /// The signature does not match the secret.
    #[error("bad token signature")]
    Signature,
    /// `exp` has passed.
    #[error("token expired")]
    Expired,
}

/// Seconds of clock skew tolerated between the merchant's server and this one.
const LEEWAY: i64 = 30;

/// Signs `claims` as a compact HS256 JWT.
pub fn mint(secret: &[u8], claims: &ShopperClaims) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    // Serialising a struct of strings and integers cannot fail.
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap_or_default());
    let signing_input = format!("{header}.{payload}");
    let signature = URL_SAFE_NO_PAD.encode(mac(secret, &signing_input).finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

/// Checks the algorithm, the signature and the expiry, and returns the claims.
pub fn verify(secret: &[u8], token: &str, now: i64) -> Result<ShopperClaims, TokenError> {
    #[derive(Deserialize)]
    struct Header {
        alg: String,
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    let decode = |part: &str| {
        URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| TokenError::Malformed)
    };
    let head: Header =
        serde_json::from_slice(&decode(header)?).map_err(|_| TokenError::Malformed)?;
    if head.alg != "HS256" {
        return Err(TokenError::Algorithm);
    }
    let signing_input = &token[..header.len() + 1 + payload.len()];
    mac(secret, signing_input)
        .verify_slice(&decode(signature)?)
        .map_err(|_| TokenError::Signature)?;
    let claims: ShopperClaims =
        serde_json::from_slice(&decode(payload)?).map_err(|_| TokenError::Malformed)?;
    if claims.exp + LEEWAY <= now {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

fn mac(secret: &[u8], input: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this never fails.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(input.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"test-secret";

    fn claims(exp: i64) -> ShopperClaims {
        ShopperClaims {
            sub: "c-1001".into(),
            exp,
            iat: None,
            ord: None,
        }
    }

    fn check(token: &str, now: i64, expected: Result<&str, TokenError>) {
        let got = verify(SECRET, token, now).map(|c| c.sub);
        assert_eq!(got, expected.map(str::to_owned), "{token}");
    }

    #[test]
    fn verifies() {
        let good = mint(SECRET, &claims(1_000));
        check(&good, 900, Ok("c-1001"));
        check(&good, 1_029, Ok("c-1001"));
        check(&good, 1_030, Err(TokenError::Expired));
        check(
            &mint(b"other", &claims(1_000)),
            900,
            Err(TokenError::Signature),
        );
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
            good.split('.').nth(1).unwrap_or_default()
        );
        check(&none, 900, Err(TokenError::Algorithm));
        check("abc", 900, Err(TokenError::Malformed));
        check("a.b.c.d", 900, Err(TokenError::Malformed));
        check("", 900, Err(TokenError::Malformed));
        // A payload swapped under a valid signature.
        let mut parts: Vec<&str> = good.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(br#"{"sub":"c-1002","exp":1000}"#);
        parts[1] = &forged;
        check(&parts.join("."), 900, Err(TokenError::Signature));
    }

    #[test]
    fn known_vector() {
        // The example a merchant can reproduce from the README with any JWT library.
        let token = mint(
            b"kefu-demo-secret-do-not-use-in-production",
            &claims(1_900_000_000),
        );
        assert_eq!(
            token.split('.').next(),
            Some("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")
        );
    }
}
