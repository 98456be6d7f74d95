// Injected into a copy of the HTML report (tests/browser/check_report.sh):
// once the fonts are ready, record every @font-face and its status, and
// every pair of chart texts whose boxes overlap or that leave their chart,
// into a pre element with the id "probe", as JSON for --dump-dom.
// A text's box is its em box trimmed to where glyphs draw (the top fifth
// and bottom tenth are the font's line gap), so that labels set one above
// the other at the house spacing do not count as overlapping.
// It also records every assumptions table (table.changes) wider than the
// page, on screen (the window's width) and in print (the page's @media
// print rules applied to a body as wide as A4's printable width).
function overflowing(label, out) {
  const page = document.documentElement.clientWidth;
  document.querySelectorAll('table.changes').forEach((t, i) => {
    const r = t.getBoundingClientRect();
    const wrap = t.parentElement;
    if (r.right > page + 1 || wrap.scrollWidth > wrap.clientWidth + 1)
      out.overflow.push(label + ': assumptions table ' + i + ' is ' + r.width.toFixed(0) + ' px wide on a ' + page + ' px page');
    out.tables++;
  });
}
document.fonts.ready.then(() => {
  const out = { faces: [], overlaps: [], clipped: [], overflow: [], tables: 0, texts: 0, svgs: 0 };
  overflowing('screen', out);
  const print = document.createElement('style');
  for (const sheet of document.styleSheets)
    for (const rule of sheet.cssRules)
      if (rule.media && rule.media.mediaText.includes('print'))
        for (const inner of rule.cssRules) print.textContent += inner.cssText + '\n';
  // A4 portrait less 15 mm margins, at 96 px to the inch.
  print.textContent += 'html { width: 680px; } body { width: 680px; }';
  document.head.appendChild(print);
  overflowing('print', out);
  print.remove();
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
