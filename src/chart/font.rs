//! The embedded font. PNG text is rasterised with ab_glyph from these bytes,
//! so charts look the same on a server with no fonts installed; SVG names the
//! generic `sans-serif` family and lets the viewer pick its own face.

use std::sync::{Once, OnceLock};

use ab_glyph::FontRef;

use plotters::style::{register_font, FontStyle};

/// Open Sans Regular (Apache-2.0, see `assets/fonts/`).
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/OpenSans-Regular.ttf");
/// Open Sans Bold (Apache-2.0, see `assets/fonts/`).
const BOLD: &[u8] = include_bytes!("../../assets/fonts/OpenSans-Bold.ttf");

/// The family every chart text uses; registered under the generic name so
/// that SVG viewers fall back to their own sans-serif face.
pub const FAMILY: &str = "sans-serif";

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
}
