// Page images on the review screen: each page of a PDF or scan with its
// suggestions drawn as boxes (a click opens that suggestion), and a box
// drawn with the mouse fills "Add a redaction" with the words under it.
(function () {
  "use strict";
  var root = document.getElementById("doc-pages");
  if (!root || !window.fetch) return;
  var src = root.getAttribute("data-src");
  var base = root.getAttribute("data-base");
  var current = root.getAttribute("data-current");

  fetch(src, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (d) {
      if (!d || !d.pages || !d.pages.length) return;
      d.pages.forEach(function (p) { root.appendChild(pageView(p)); });
      root.hidden = false;
    });

  function link(id) {
    return base + "?s=" + encodeURIComponent(id) + "#current";
  }

  function pageView(p) {
    var wrap = document.createElement("figure");
    wrap.className = "page-view";
    wrap.setAttribute("data-page", p.page);
    var img = document.createElement("img");
    img.src = src + "/" + p.page;
    img.alt = "Page " + p.page + " of the document";
    img.draggable = false;
    wrap.appendChild(img);

    function pct(v, total) { return (100 * v / total) + "%"; }
    function place(el, b) {
      el.style.left = pct(b.X0, p.width);
      el.style.top = pct(b.Y0, p.height);
      el.style.width = pct(b.X1 - b.X0, p.width);
      el.style.height = pct(b.Y1 - b.Y0, p.height);
    }
    // The boxes are a mouse aid beside the text, where the keyboard flow
    // (j, k) reaches every suggestion: hidden from assistive technology.
    (p.boxes || []).forEach(function (b) {
      var a = document.createElement("div");
      a.className = "page-box" + (b.decided ? " decided" : "") + (b.id === current ? " current" : "");
      a.title = b.category.replace(/_/g, " ");
      a.setAttribute("aria-hidden", "true");
      a.setAttribute("data-sid", b.id);
      a.addEventListener("click", function () { location.href = link(b.id); });
      place(a, b.box);
      wrap.appendChild(a);
    });

    // Drawing a box: page points from the mouse position.
    var start = null, drawn = null;
    function at(ev) {
      var r = img.getBoundingClientRect();
      return [(ev.clientX - r.left) / r.width * p.width, (ev.clientY - r.top) / r.height * p.height];
    }
    function rect(a, b) {
      return { X0: Math.min(a[0], b[0]), Y0: Math.min(a[1], b[1]), X1: Math.max(a[0], b[0]), Y1: Math.max(a[1], b[1]) };
    }
    wrap.addEventListener("mousedown", function (ev) {
      if (ev.button !== 0 || ev.target.classList.contains("page-box")) return;
      ev.preventDefault();
      start = at(ev);
      drawn = document.createElement("div");
      drawn.className = "page-draw";
      place(drawn, rect(start, start));
      wrap.appendChild(drawn);
    });
    wrap.addEventListener("mousemove", function (ev) {
      if (start) place(drawn, rect(start, at(ev)));
    });
    window.addEventListener("mouseup", function (ev) {
      if (!start) return;
      var box = rect(start, at(ev));
      start = null;
      choose(p, box);
    });
    return wrap;
  }

  // choose fills the manual redaction form with the words the box covers
  // (more than half of a word's area), from the first to the last.
  function choose(p, box) {
    var s = -1, e = -1, text = [];
    (p.words || []).forEach(function (w) {
      var b = w.box;
      var ix = Math.max(0, Math.min(b.X1, box.X1) - Math.max(b.X0, box.X0));
      var iy = Math.max(0, Math.min(b.Y1, box.Y1) - Math.max(b.Y0, box.Y0));
      if (ix * iy * 2 < (b.X1 - b.X0) * (b.Y1 - b.Y0)) return;
      if (s < 0 || w.start < s) s = w.start;
      if (w.end > e) e = w.end;
      text.push(w.text);
    });
    var status = document.getElementById("manual-status");
    if (s < 0) {
      if (status) status.textContent = "No words under the box on page " + p.page + ": draw it over the words to redact.";
      return;
    }
    var f = document.getElementById("manual-form");
    if (!f) return;
    document.getElementById("manual-start").value = s;
    document.getElementById("manual-end").value = e;
    document.getElementById("manual-text").value = text.join(" ");
    if (status) status.textContent = text.length + (text.length === 1 ? " word" : " words") + " from page " + p.page +
      " selected. Choose this document only or every occurrence, then press Redact.";
    var where = f.querySelector('input[name="applies_to"]:checked') || document.getElementById("applies-document");
    if (where) where.focus();
  }
})();
