//! PDF from our SVG: svg2pdf draws the SVG as vectors and embeds the house
//! font (subset to the glyphs used), so a PDF chart or briefing needs no
//! fonts on the reader's machine and keeps its text selectable.
//!
//! One chart is one page the chart's size ([`svg_to_pdf`]); a document of
//! several pages ([`pages_to_pdf`], the A4 briefing) places each page's SVG
//! as form XObjects on its own page. Nothing in the file depends on the
//! clock or the machine, so the same SVG gives the same bytes.
//!
//! Byte-identical output takes two precautions. svg2pdf writes the fonts of
//! one conversion in the order of a `HashMap`, which differs from run to
//! run, so each page is converted as two layers with one face each: the
//! graphics and the regular text, then the bold text on top
//! ([`split_bold`]). And it writes the entries of a resource dictionary in
//! hash order too, so those are sorted afterwards ([`sort_resource_dicts`];
//! the lengths do not change, so neither do the offsets).

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use svg2pdf::usvg::Tree;
use svg2pdf::ConversionOptions;

use super::ChartError;

/// SVG user units (CSS pixels) per inch; PDF has 72 points per inch.
const PX_PER_INCH: f32 = 96.0;

fn tree(svg: &str) -> Result<Tree, ChartError> {
    Tree::from_str(svg, &super::font::usvg_options())
        .map_err(|e| ChartError::Draw(format!("cannot read the chart's SVG for the PDF: {e}")))
}

fn conversion_error(e: svg2pdf::ConversionError) -> ChartError {
    ChartError::Draw(format!("cannot convert the SVG to PDF: {e}"))
}

/// One SVG as a one-page PDF of the SVG's size (at 96 pixels to the inch).
pub(crate) fn svg_to_pdf(svg: &str, title: &str) -> Result<Vec<u8>, ChartError> {
    let size = tree(svg)?.size();
    let pt = 72.0 / PX_PER_INCH;
    pages_to_pdf(
        &[svg.to_string()],
        size.width() * pt,
        size.height() * pt,
        title,
    )
}

/// The end of the element that starts at `s` (a tag or a text element with
/// its content), as an index into `s`.
fn element_end(s: &str) -> usize {
    let tag_end = s.find('>').map_or(s.len(), |i| i + 1);
    let name: String = s[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '?')
        .collect();
    let self_closing =
        s[..tag_end].ends_with("/>") || name.starts_with('/') || name.starts_with('?');
    if self_closing || name == "svg" || name == "g" {
        return tag_end;
    }
    let close = format!("</{name}>");
    s[tag_end..]
        .find(&close)
        .map_or(s.len(), |i| tag_end + i + close.len())
}

/// `svg` split into two layers: everything but the bold text, and the
/// bold text alone (with the `<svg>` and `<g>` elements that place it).
pub(crate) fn split_bold(svg: &str) -> (String, String) {
    let (mut rest, mut bold) = (String::new(), String::new());
    let mut s = svg;
    while let Some(i) = s.find('<') {
        rest.push_str(&s[..i]);
        let el = &s[i..];
        let end = element_end(el);
        let (piece, after) = el.split_at(end);
        let structural = ["<svg", "</svg", "<g", "</g", "<?xml"]
            .iter()
            .any(|t| piece.starts_with(t) && !piece.starts_with("<glyph"));
        let is_bold_text = piece.starts_with("<text")
            && piece[..piece.find('>').unwrap_or(0)].contains("font-weight=\"bold\"");
        if structural {
            rest.push_str(piece);
            bold.push_str(piece);
        } else if is_bold_text {
            bold.push_str(piece);
        } else {
            rest.push_str(piece);
        }
        s = after;
    }
    rest.push_str(s);
    (rest, bold)
}

/// Sort the lines of every dictionary whose lines are all `/Name N 0 R`
/// (svg2pdf's resource dictionaries), outside streams.
pub(crate) fn sort_resource_dicts(pdf: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(pdf.len());
    let mut i = 0;
    while i < pdf.len() {
        if pdf[i..].starts_with(b"stream\n") {
            let end = find(&pdf[i..], b"\nendstream").map_or(pdf.len(), |e| i + e);
            out.extend_from_slice(&pdf[i..end]);
            i = end;
            continue;
        }
        if pdf[i..].starts_with(b"<<\n") {
            if let Some(close) = find(&pdf[i + 3..], b">>") {
                let body = &pdf[i + 3..i + 3 + close];
                let text = String::from_utf8_lossy(body);
                let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                let indent = lines.pop().unwrap_or_default();
                let is_refs = lines.len() > 1
                    && indent.trim().is_empty()
                    && lines.iter().all(|l| is_ref_line(l.trim()));
                if is_refs && body.is_ascii() {
                    lines.sort_unstable();
                    out.extend_from_slice(b"<<\n");
                    for l in lines {
                        out.extend_from_slice(l.as_bytes());
                    }
                    out.extend_from_slice(indent.as_bytes());
                    i += 3 + close;
                    continue;
                }
            }
        }
        out.push(pdf[i]);
        i += 1;
    }
    out
}

fn is_ref_line(l: &str) -> bool {
    let mut parts = l.split(' ');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(n), Some(num), Some("0"), Some("R"), None)
            if n.starts_with('/') && num.chars().all(|c| c.is_ascii_digit())
    )
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Several SVG pages, each `width_pt` × `height_pt`, as one PDF titled
/// `title` (e.g. an A4 briefing: 595 × 842 points).
pub(crate) fn pages_to_pdf(
    pages: &[String],
    width_pt: f32,
    height_pt: f32,
    title: &str,
) -> Result<Vec<u8>, ChartError> {
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_id = alloc.bump();
    let info = alloc.bump();
    let page_ids: Vec<Ref> = pages.iter().map(|_| alloc.bump()).collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    let names = [Name(b"P0"), Name(b"P1")];
    for (svg, &page_id) in pages.iter().zip(&page_ids) {
        let (rest, bold) = split_bold(svg);
        let mut forms = Vec::new();
        for layer in [rest, bold] {
            let t = tree(&layer)?;
            let (chunk, root) =
                svg2pdf::to_chunk(&t, ConversionOptions::default()).map_err(conversion_error)?;
            let mut map = HashMap::new();
            let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
            let form = map.get(&root).copied().ok_or_else(|| {
                ChartError::Draw("svg2pdf returned a chunk without its form".into())
            })?;
            forms.push((form, chunk));
        }
        let content_id = alloc.bump();
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, width_pt, height_pt));
        page.parent(tree_id);
        page.contents(content_id);
        {
            let mut res = page.resources();
            let mut x = res.x_objects();
            for (name, (form, _)) in names.iter().zip(&forms) {
                x.pair(*name, *form);
            }
        }
        page.finish();
        let mut content = Content::new();
        for name in names {
            // Each form is one point square: scale it to the page.
            content.save_state();
            content
                .transform([width_pt, 0.0, 0.0, height_pt, 0.0, 0.0])
                .x_object(name);
            content.restore_state();
        }
        pdf.stream(content_id, &content.finish());
        for (_, chunk) in &forms {
            pdf.extend(chunk);
        }
    }
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr(concat!("fiscal ", env!("CARGO_PKG_VERSION"))));
    Ok(sort_resource_dicts(pdf.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_text_goes_to_its_own_layer_with_the_svg_that_places_it() {
        let svg = "<svg width=\"10\"><defs><style>x</style></defs><rect x=\"1\"/>\
                   <text font-weight=\"bold\">B</text><svg x=\"2\"><text>r</text>\
                   <text y=\"1\" font-weight=\"bold\">b2</text></svg><title>t</title></svg>";
        let (rest, bold) = split_bold(svg);
        assert_eq!(
            rest,
            "<svg width=\"10\"><defs><style>x</style></defs><rect x=\"1\"/><svg x=\"2\"><text>r</text></svg><title>t</title></svg>"
        );
        assert_eq!(
            bold,
            "<svg width=\"10\"><text font-weight=\"bold\">B</text><svg x=\"2\"><text y=\"1\" font-weight=\"bold\">b2</text></svg></svg>"
        );
    }

    #[test]
    fn resource_dictionaries_are_sorted_in_place() {
        let pdf = b"1 0 obj\n<<\n  /Font <<\n    /fo1 5 0 R\n    /fo0 4 0 R\n  >>\n>>\nstream\n<<\n/b 2 0 R\n/a 1 0 R\n>>\nendstream\n".to_vec();
        let sorted = sort_resource_dicts(pdf.clone());
        assert_eq!(sorted.len(), pdf.len());
        let text = String::from_utf8(sorted).unwrap();
        assert!(
            text.contains("    /fo0 4 0 R\n    /fo1 5 0 R\n  >>"),
            "{text}"
        );
        // Streams are left alone.
        assert!(text.contains("/b 2 0 R\n/a 1 0 R"), "{text}");
    }
}
