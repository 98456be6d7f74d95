//! PDF from our SVG: svg2pdf draws the SVG as vectors and embeds the house
//! font (subset to the glyphs used), so a PDF chart or briefing needs no
//! fonts on the reader's machine and keeps its text selectable.
//!
//! One chart is one page the chart's size ([`svg_to_pdf`]); a document of
//! several pages ([`pages_to_pdf`], the A4 briefing) places each page's SVG
//! as a form XObject on its own page. Nothing in the file depends on the
//! clock or the machine, so the same SVG gives the same bytes.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use svg2pdf::usvg::Tree;
use svg2pdf::{ConversionOptions, PageOptions};

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
pub(crate) fn svg_to_pdf(svg: &str) -> Result<Vec<u8>, ChartError> {
    let t = tree(svg)?;
    svg2pdf::to_pdf(
        &t,
        ConversionOptions::default(),
        PageOptions { dpi: PX_PER_INCH },
    )
    .map_err(conversion_error)
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
    for (svg, &page_id) in pages.iter().zip(&page_ids) {
        let t = tree(svg)?;
        let (chunk, root) =
            svg2pdf::to_chunk(&t, ConversionOptions::default()).map_err(conversion_error)?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let form = map.get(&root).copied().ok_or_else(|| {
            ChartError::Draw("svg2pdf returned a chunk without its form".into())
        })?;
        let content_id = alloc.bump();
        let name = Name(b"P");
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, width_pt, height_pt));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(name, form);
        page.finish();
        let mut content = Content::new();
        // The form is one point square: scale it to the page.
        content
            .transform([width_pt, 0.0, 0.0, height_pt, 0.0, 0.0])
            .x_object(name);
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
    }
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr(concat!("fiscal ", env!("CARGO_PKG_VERSION"))));
    Ok(pdf.finish())
}
