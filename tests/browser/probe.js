// Injected into a copy of the HTML report (tests/browser/check_report.sh):
// once the fonts are ready, record every @font-face and its status, and
// every pair of chart texts whose boxes overlap or that leave their chart,
// into a pre element with the id "probe", as JSON for --dump-dom.
// A text's box is its em box trimmed to where glyphs draw (the top fifth
// and bottom tenth are the font's line gap), so that labels set one above
// the other at the house spacing do not count as overlapping.
document.fonts.ready.then(() => {
  const out = { faces: [], overlaps: [], clipped: [], texts: 0, svgs: 0 };
  document.fonts.forEach(f => out.faces.push(f.family + ' ' + f.weight + ' ' + f.status));
  document.querySelectorAll('svg').forEach((svg, si) => {
    out.svgs++;
    const box = svg.getBoundingClientRect();
    const rects = [];
    svg.querySelectorAll('text').forEach(t => {
      const s = t.textContent.trim();
      if (!s) return;
      const b = t.getBoundingClientRect();
      if (b.width === 0) return;
      const r = { left: b.left, right: b.right, top: b.top + 0.2 * b.height, bottom: b.bottom - 0.1 * b.height };
      out.texts++;
      rects.push([s, r]);
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        out.clipped.push('chart ' + si + ': ' + s);
    });
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const [a, ra] = rects[i], [b, rb] = rects[j];
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1)
          out.overlaps.push('chart ' + si + ': "' + a + '" / "' + b + '" ' + w.toFixed(1) + 'x' + h.toFixed(1) + ' px');
      }
  });
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
