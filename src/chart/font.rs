//! The embedded font. PNG text is rasterised with ab_glyph from these bytes,
//! so charts look the same on a server with no fonts installed; SVG carries
//! the same faces, subset to the glyphs the chart uses, as `@font-face`
//! data ([`embed_in_svg`]), so a browser lays text out with the widths the
//! chart was measured with, not with its own sans-serif.

use std::sync::{Once, OnceLock};

use std::collections::BTreeSet;

use ab_glyph::{Font as _, FontRef};
use sha2::{Digest, Sha256};

use plotters::style::{register_font, FontStyle};

/// Open Sans Regular (Apache-2.0, see `assets/fonts/`).
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/OpenSans-Regular.ttf");
/// Open Sans Bold (Apache-2.0, see `assets/fonts/`).
const BOLD: &[u8] = include_bytes!("../../assets/fonts/OpenSans-Bold.ttf");

/// The family every chart text is drawn and measured with (registered with
/// plotters under this name; [`embed_in_svg`] turns it into the embedded
/// face in SVG).
pub const FAMILY: &str = "fiscal-sans";

/// The family name of the embedded face as SVG viewers see it.
const CSS_FAMILY: &str = "Open Sans";

static REGISTER: Once = Once::new();

/// Register the embedded faces with plotters (once per process).
///
/// Registration only fails if the bytes are not a font, which the
/// `fonts_parse` test rules out for the committed files; a failure would
/// surface as a drawing error naming the missing font.
pub fn ensure_registered() {
    REGISTER.call_once(|| {
        let _ = register_font(FAMILY, FontStyle::Normal, REGULAR);
        let _ = register_font(FAMILY, FontStyle::Bold, BOLD);
    });
}

/// The embedded face for `style` (bold for bold, regular otherwise), parsed once.
pub fn face(style: FontStyle) -> Option<&'static FontRef<'static>> {
    static FACES: OnceLock<(Option<FontRef<'static>>, Option<FontRef<'static>>)> = OnceLock::new();
    let (regular, bold) = FACES.get_or_init(|| {
        (
            FontRef::try_from_slice(REGULAR).ok(),
            FontRef::try_from_slice(BOLD).ok(),
        )
    });
    match style {
        FontStyle::Bold => bold.as_ref().or(regular.as_ref()),
        _ => regular.as_ref(),
    }
}

/// Options for reading our SVG with usvg (for PDF): the embedded faces
/// only, no system fonts, and no files read for `<image>` references.
pub(crate) fn usvg_options() -> svg2pdf::usvg::Options<'static> {
    let mut o = svg2pdf::usvg::Options {
        font_family: CSS_FAMILY.to_string(),
        image_href_resolver: svg2pdf::usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..Default::default()
    };
    let db = o.fontdb_mut();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(BOLD.to_vec());
    db.set_sans_serif_family(CSS_FAMILY);
    o
}

/// Width of `text` in ems of the regular (or bold) embedded face, with
/// kerning: multiply by the font size for its width in the same units.
pub(crate) fn width_em(text: &str, bold: bool) -> f32 {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let Some(f) = face(style) else {
        return 0.55 * text.chars().count() as f32;
    };
    let em = f.units_per_em().unwrap_or(1000.0);
    let mut w = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(p) = prev {
            w += f.kern_unscaled(p, id);
        }
        w += f.h_advance_unscaled(id);
        prev = Some(id);
    }
    w / em
}

/// The family name SVG pages drawn outside plotters (the briefing) use
/// for the embedded face.
pub(crate) const PAGE_FAMILY: &str = CSS_FAMILY;

/// Undo the XML escapes plotters writes in text.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The characters of every `<text>` in `svg`: (regular, bold).
fn used_chars(svg: &str) -> (BTreeSet<char>, BTreeSet<char>) {
    let (mut regular, mut bold) = (BTreeSet::new(), BTreeSet::new());
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let after = &rest[start..];
        let (Some(tag_end), Some(close)) = (after.find('>'), after.find("</text>")) else {
            break;
        };
        let tag = &after[..tag_end];
        let content = after.get(tag_end + 1..close).unwrap_or("");
        let set = if tag.contains("font-weight=\"bold\"") {
            &mut bold
        } else {
            &mut regular
        };
        set.extend(unescape(content).chars().filter(|c| !c.is_control()));
        rest = &after[close..];
    }
    (regular, bold)
}

/// Standard base64 (RFC 4648, with padding).
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= c.len() {
                out.push(char::from(A[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// One `@font-face` rule with `face` subset to `chars`.
fn face_rule(family: &str, bytes: &[u8], style: FontStyle, chars: &BTreeSet<char>) -> String {
    let Some(parsed) = face(style) else {
        return String::new();
    };
    let ids = chars.iter().map(|&c| parsed.glyph_id(c).0).collect();
    let Some(sub) = super::subset::subset(bytes, &ids) else {
        return String::new();
    };
    let weight = if matches!(style, FontStyle::Bold) {
        "bold"
    } else {
        "normal"
    };
    format!(
        "@font-face{{font-family:\"{family}\";font-weight:{weight};src:url(data:font/ttf;base64,{}) format(\"truetype\");}}",
        base64(&sub)
    )
}

/// `@font-face` rules for the family `family`: the embedded regular and
/// bold faces, each subset to `chars` (for pages that show the house font
/// outside a chart, e.g. the HTML report's text).
pub fn font_face_css(family: &str, chars: &BTreeSet<char>) -> String {
    let mut css = face_rule(family, REGULAR, FontStyle::Normal, chars);
    css.push_str(&face_rule(family, BOLD, FontStyle::Bold, chars));
    css
}

/// plotters writes `font-size` as the size over 1.24, but measures and (in
/// the PNG) draws text with ab_glyph, whose size is the face's height
/// (ascent to descent), not its em. Set the SVG size to the em that height
/// gives, so that a browser's text is exactly as wide as the width measured.
fn rescale_font_sizes(svg: &str) -> String {
    let Some(f) = face(FontStyle::Normal) else {
        return svg.to_string();
    };
    let em_per_height = f.units_per_em().unwrap_or(1.0) / f.height_unscaled();
    let factor = 1.24 * f64::from(em_per_height);
    let key = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(key) {
        let (head, tail) = rest.split_at(i + key.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(0);
        match tail[..end].parse::<f64>() {
            Ok(v) => out.push_str(&format!("{:.3}", v * factor)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// `svg` with the embedded faces, subset to the characters its text uses,
/// as `@font-face` rules, and its text set in them. The family name carries
/// a hash of the characters, so that several charts inlined in one HTML page
/// (whose `@font-face` rules are global) each use their own subset.
pub fn embed_in_svg(svg: &str) -> String {
    let (regular, bold) = used_chars(svg);
    let mut h = Sha256::new();
    for c in regular.iter().chain(['\u{0}'].iter()).chain(bold.iter()) {
        h.update(c.to_string().as_bytes());
    }
    let hash: String = h
        .finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    let family = format!("{CSS_FAMILY} {hash}");
    let mut css = String::new();
    if !regular.is_empty() {
        css.push_str(&face_rule(&family, REGULAR, FontStyle::Normal, &regular));
    }
    if !bold.is_empty() {
        css.push_str(&face_rule(&family, BOLD, FontStyle::Bold, &bold));
    }
    let text = rescale_font_sizes(&svg.replace(
        &format!("font-family=\"{FAMILY}\""),
        &format!("font-family=\"'{family}', '{CSS_FAMILY}', sans-serif\""),
    ));
    let Some(open_end) = text
        .find("<svg")
        .and_then(|s| text[s..].find('>').map(|e| s + e + 1))
    else {
        return text;
    };
    format!(
        "{}\n<defs><style>{css}</style></defs>{}",
        &text[..open_end],
        &text[open_end..]
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn fonts_parse() {
        assert!(plotters::style::register_font(
            "t",
            plotters::style::FontStyle::Normal,
            super::REGULAR
        )
        .is_ok());
        assert!(
            plotters::style::register_font("t", plotters::style::FontStyle::Bold, super::BOLD)
                .is_ok()
        );
    }

    #[test]
    fn svg_text_gets_its_own_embedded_subset() {
        let svg = "<svg width=\"10\" height=\"10\">\n<text font-family=\"fiscal-sans\" font-weight=\"bold\">\nA &amp; B\n</text>\n<text font-family=\"fiscal-sans\">\n2075-76 £\n</text>\n</svg>\n";
        let out = super::embed_in_svg(svg);
        assert!(out.contains("@font-face{font-family:\"Open Sans "), "{out}");
        assert!(out.contains("font-weight:bold;src:url(data:font/ttf;base64,"));
        assert!(out.contains("font-weight:normal;src:url(data:font/ttf;base64,"));
        assert!(!out.contains("font-family=\"fiscal-sans\""));
        let sized = super::rescale_font_sizes("<text font-size=\"24.8\" x=\"1\">");
        assert_eq!(sized, "<text font-size=\"22.582\" x=\"1\">");
        assert!(out.len() < 40_000, "{} bytes", out.len());
        let (regular, bold) = super::used_chars(svg);
        assert!(bold.contains(&'&') && regular.contains(&'£') && !regular.contains(&'A'));
        assert_eq!(super::base64(b"Ma"), "TWE=");
        assert_eq!(super::base64(b"Man"), "TWFu");
        assert_eq!(super::base64(b"M"), "TQ==");
    }
}
