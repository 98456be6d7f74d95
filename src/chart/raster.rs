//! The PNG canvas: plotters' bitmap backend with our own text rasteriser.
//!
//! plotters 0.3.7 with `ab_glyph` places each glyph at a whole pixel and
//! drops its left side bearing, so narrow letters drift ("Licen ce"). Here
//! glyphs are laid out at sub-pixel positions with kerning and drawn with
//! their real bounds; everything else is the bitmap backend unchanged.
//!
//! A canvas can also be scaled: charts are laid out on a logical canvas
//! whose text has the house sizes, and drawn `scale` times larger (a
//! 2400-pixel PNG of a 1200-unit chart, or a chart with larger text), so
//! that the PNG and the SVG (whose `viewBox` does the same) agree.

use ab_glyph::{point, Font, PxScale, ScaleFont};
use plotters::backend::BitMapBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::font;

/// A bitmap backend whose text is drawn by [`font::face`] faces.
pub struct Canvas<'a> {
    inner: BitMapBackend<'a>,
    /// Pixels per logical unit.
    scale: f64,
    /// The logical size the chart is laid out on.
    logical: (u32, u32),
}

impl<'a> Canvas<'a> {
    /// A canvas over an RGB buffer of `size` pixels, on which a chart laid
    /// out on `logical` units is drawn (scaled by `size.0 / logical.0`).
    pub fn scaled(buf: &'a mut [u8], size: (u32, u32), logical: (u32, u32)) -> Self {
        let scale = f64::from(size.0) / f64::from(logical.0.max(1));
        Canvas {
            inner: BitMapBackend::with_buffer(buf, size),
            scale,
            logical,
        }
    }

    fn at(&self, p: BackendCoord) -> BackendCoord {
        if self.scale == 1.0 {
            return p;
        }
        (
            (f64::from(p.0) * self.scale).round() as i32,
            (f64::from(p.1) * self.scale).round() as i32,
        )
    }

    fn styled<'s, S: BackendStyle>(&self, style: &'s S) -> Scaled<'s, S> {
        Scaled {
            inner: style,
            scale: self.scale,
        }
    }
}

/// A style whose stroke is scaled with the canvas.
struct Scaled<'a, S> {
    inner: &'a S,
    scale: f64,
}

impl<S: BackendStyle> BackendStyle for Scaled<'_, S> {
    fn color(&self) -> BackendColor {
        self.inner.color()
    }
    fn stroke_width(&self) -> u32 {
        let w = self.inner.stroke_width();
        if self.scale == 1.0 {
            return w;
        }
        ((f64::from(w) * self.scale).round() as u32).max(1)
    }
}

type Error = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

impl DrawingBackend for Canvas<'_> {
    type ErrorType = Error;

    fn get_size(&self) -> (u32, u32) {
        self.logical
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if self.scale == 1.0 {
            return self.inner.draw_pixel(point, color);
        }
        let (a, b) = (self.at(point), self.at((point.0 + 1, point.1 + 1)));
        self.inner.draw_rect(a, (b.0 - 1, b.1 - 1), &color, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        let (from, to) = (self.at(from), self.at(to));
        self.inner.draw_line(from, to, &self.styled(style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        let (a, b) = (self.at(upper_left), self.at(bottom_right));
        self.inner.draw_rect(a, b, &self.styled(style), fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        let path: Vec<BackendCoord> = path.into_iter().map(|p| self.at(p)).collect();
        self.inner.draw_path(path, &self.styled(style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        let r = (f64::from(radius) * self.scale).round() as u32;
        self.inner
            .draw_circle(self.at(center), r, &self.styled(style), fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        let vert: Vec<BackendCoord> = vert.into_iter().map(|p| self.at(p)).collect();
        self.inner.fill_polygon(vert, &self.styled(style))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Error>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let Some(face) = font::face(style.style()) else {
            return self.inner.draw_text(text, style, pos);
        };
        let pos = self.at(pos);
        let scale = PxScale::from((style.size() * self.scale) as f32);
        let sf = face.as_scaled(scale);

        // Lay out on a baseline at y = 0, then shift by the anchor.
        let mut x = 0f32;
        let mut prev = None;
        let mut placed = Vec::with_capacity(text.len());
        for c in text.chars() {
            let id = sf.glyph_id(c);
            if let Some(p) = prev {
                x += sf.kern(p, id);
            }
            placed.push((id, x));
            x += sf.h_advance(id);
            prev = Some(id);
        }
        let (ascent, descent) = (sf.ascent(), sf.descent());
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -x / 2.0,
            HPos::Right => -x,
        };
        let height = ascent - descent;
        let top = match style.anchor().v_pos {
            VPos::Top => 0.0,
            VPos::Center => -height / 2.0,
            VPos::Bottom => -height,
        };
        let baseline = top + ascent;
        let trans = style.transform();
        let mut pixels = Vec::new();
        for (id, gx) in placed {
            let glyph = id.with_scale_and_position(scale, point(gx + dx, baseline));
            if let Some(outline) = face.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|px, py, coverage| {
                    if coverage > 0.0 {
                        let x = b.min.x as i32 + px as i32;
                        let y = b.min.y as i32 + py as i32;
                        pixels.push((trans.transform(x, y), coverage));
                    }
                });
            }
        }
        for ((x, y), coverage) in pixels {
            self.inner.draw_pixel(
                (pos.0 + x, pos.1 + y),
                BackendColor {
                    alpha: color.alpha * f64::from(coverage.min(1.0)),
                    rgb: color.rgb,
                },
            )?;
        }
        Ok(())
    }
}
