//! The page's files, compiled into the binary: nothing is fetched, from
//! the disk or the network, to show the page.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// One embedded file.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// Name under `/assets/`.
    pub name: &'static str,
    /// Content type.
    pub content_type: &'static str,
    /// The text.
    pub text: &'static str,
}

/// The page.
pub const INDEX: Asset = Asset {
    name: "index.html",
    content_type: "text/html; charset=utf-8",
    text: include_str!("assets/index.html"),
};

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        text: include_str!("assets/app.js"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        text: include_str!("assets/app.css"),
    },
];

/// The asset called `name`, if there is one (names are compared whole:
/// no path is ever built from them).
pub fn find(name: &str) -> Option<Asset> {
    ASSETS.iter().copied().find(|a| a.name == name)
}

/// The page's content security policy: its own script and style only;
/// charts arrive as SVG text and are shown as images (blob: URLs), so
/// nothing in them can run.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// `a` as a response, with its type and the page's security headers.
pub fn page(a: Asset) -> Response {
    let mut r = a.text.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(a.content_type),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}
