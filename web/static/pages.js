// Page images on the review screen: each page of a PDF, scan or laid-out
// Word document with its suggestions drawn as boxes (a click opens one),
// the areas already drawn, and on a scanned page the boxes of the words
// OCR read. A box drawn with the mouse — or started with b and moved with
// the arrow keys, resized with Shift+arrows — is saved with Enter as an
// area: the bundle blacks out its pixels and removes every word it touches.
// Loaded on every screen (layout.html): htmx swaps screens in without
// running their scripts, so each review screen is set up when it settles.
(function () {
  "use strict";
  var STEP = 2; // points an arrow key moves or resizes the box by
  var root, src, base, current, form;
  var views = []; // {p, wrap, img}
  var draft = null; // {v, box, el, marks}
  var drag = null; // {v, start} while the mouse draws

  function init() {
    var r = document.getElementById("doc-pages");
    if (!r || r.getAttribute("data-ready") || !window.fetch) return;
    r.setAttribute("data-ready", "1");
    root = r;
    src = root.getAttribute("data-src");
    base = root.getAttribute("data-base");
    current = root.getAttribute("data-current");
    form = document.getElementById("area-form");
    views = [];
    draft = null;
    drag = null;
    if (form) {
      document.getElementById("area-cancel").addEventListener("click", function () {
        var wrap = cancel();
        if (wrap) wrap.focus({ preventScroll: true });
      });
      document.getElementById("area-as-text").addEventListener("click", function () {
        if (!draft) return;
        var v = draft.v, ws = under(v, draft.box);
        cancel();
        asText(v.p, ws);
      });
    }
    var here = root;
    fetch(src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (d) {
        if (!d || !d.pages || !d.pages.length || here !== root) return;
        d.pages.forEach(function (p) { root.appendChild(pageView(p)); });
        root.hidden = false;
      });
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
  if (document.readyState !== "loading") init();

  function link(id) {
    return base + "?s=" + encodeURIComponent(id) + "#current";
  }

  function pct(v, total) { return (100 * v / total) + "%"; }
  function place(el, b, p) {
    el.style.left = pct(b.X0, p.width);
    el.style.top = pct(b.Y0, p.height);
    el.style.width = pct(b.X1 - b.X0, p.width);
    el.style.height = pct(b.Y1 - b.Y0, p.height);
  }
  function meets(a, b) {
    return a.X0 < b.X1 && b.X0 < a.X1 && a.Y0 < b.Y1 && b.Y0 < a.Y1;
  }

  function pageView(p) {
    var wrap = document.createElement("figure");
    wrap.className = "page-view";
    wrap.setAttribute("data-page", p.page);
    wrap.tabIndex = -1;
    var img = document.createElement("img");
    img.src = src + "/" + p.page;
    img.alt = "Page " + p.page + " of the document";
    img.draggable = false;
    wrap.appendChild(img);
    var v = { p: p, wrap: wrap, img: img };
    views.push(v);

    // The boxes are a mouse aid beside the text, where the keyboard flow
    // (j, k) reaches every suggestion and area: hidden from assistive
    // technology.
    if (p.scanned) {
      (p.words || []).forEach(function (w) {
        var el = document.createElement("div");
        el.className = "page-word";
        el.setAttribute("aria-hidden", "true");
        place(el, w.box, p);
        wrap.appendChild(el);
      });
    }
    (p.boxes || []).forEach(function (b) {
      var a = document.createElement("div");
      a.className = "page-box" + (b.decided ? " decided" : "") + (b.id === current ? " current" : "");
      a.title = b.category.replace(/_/g, " ");
      a.setAttribute("aria-hidden", "true");
      a.setAttribute("data-sid", b.id);
      a.addEventListener("click", function () { location.href = link(b.id); });
      place(a, b.box, p);
      wrap.appendChild(a);
    });
    (p.areas || []).forEach(function (ar) {
      var a = document.createElement("div");
      a.className = "page-area" + (ar.id === current ? " current" : "");
      a.title = "Area drawn by an officer (" + ar.code + ")";
      a.textContent = ar.code;
      a.setAttribute("aria-hidden", "true");
      a.setAttribute("data-sid", ar.id);
      a.addEventListener("click", function () { location.href = link(ar.id); });
      place(a, ar.box, p);
      wrap.appendChild(a);
    });

    // Drawing with the mouse: page points from the pointer's position.
    wrap.addEventListener("mousedown", function (ev) {
      if (ev.button !== 0 || ev.target.classList.contains("page-box") || ev.target.classList.contains("page-area")) return;
      ev.preventDefault();
      var a = at(v, ev);
      drag = { v: v, start: a };
      setDraft(v, rect(a, a), false);
    });
    wrap.addEventListener("mousemove", function (ev) {
      if (drag && drag.v === v && draft && draft.v === v) setDraft(v, rect(drag.start, at(v, ev)), false);
    });
    return wrap;
  }

  function clamp(x, lo, hi) { return Math.min(Math.max(x, lo), hi); }

  function at(v, ev) {
    var r = v.img.getBoundingClientRect(), p = v.p;
    return [clamp((ev.clientX - r.left) / r.width * p.width, 0, p.width),
      clamp((ev.clientY - r.top) / r.height * p.height, 0, p.height)];
  }
  function rect(a, b) {
    return { X0: Math.min(a[0], b[0]), Y0: Math.min(a[1], b[1]), X1: Math.max(a[0], b[0]), Y1: Math.max(a[1], b[1]) };
  }

  window.addEventListener("mouseup", function (ev) {
    if (!drag) return;
    var v = drag.v, box = rect(drag.start, at(v, ev));
    drag = null;
    if (box.X1 - box.X0 < 3 && box.Y1 - box.Y0 < 3) { cancel(); return; } // a click, not a box
    setDraft(v, box, true);
    v.wrap.focus({ preventScroll: true });
  });

  // under is the words of the draft's page its box touches, as the server
  // will find them (bundle.AreaWords).
  function under(v, box) {
    return (v.p.words || []).filter(function (w) { return meets(w.box, box); });
  }

  // setDraft shows the box being drawn on page view v, the words it
  // touches, and (when shown) the form that saves it.
  function setDraft(v, box, show) {
    if (draft && draft.v !== v) cancel();
    if (!draft) {
      var el = document.createElement("div");
      el.className = "page-draw";
      el.setAttribute("aria-hidden", "true");
      v.wrap.appendChild(el);
      draft = { v: v, el: el, box: box, marks: [] };
    }
    draft.box = box;
    place(draft.el, box, v.p);
    draft.marks.forEach(function (m) { m.remove(); });
    draft.marks = [];
    var ws = under(v, box);
    ws.forEach(function (w) {
      var m = document.createElement("div");
      m.className = "page-under";
      m.setAttribute("aria-hidden", "true");
      place(m, w.box, v.p);
      v.wrap.appendChild(m);
      draft.marks.push(m);
    });
    if (!form || !(show || !form.hidden)) return;
    document.getElementById("area-page").value = v.p.page;
    document.getElementById("area-x0").value = box.X0.toFixed(2);
    document.getElementById("area-y0").value = box.Y0.toFixed(2);
    document.getElementById("area-x1").value = box.X1.toFixed(2);
    document.getElementById("area-y1").value = box.Y1.toFixed(2);
    document.getElementById("area-status").textContent = "Box on page " + v.p.page + ", " +
      Math.round(box.X1 - box.X0) + " by " + Math.round(box.Y1 - box.Y0) + " points: " +
      (ws.length === 1 ? "1 word" : ws.length + " words") + " under it. Arrow keys move it, Shift+arrows resize it; " +
      "Enter saves it (its pixels are blacked out and those words removed in the bundle), Esc cancels.";
    if (form.hidden || form.previousElementSibling !== v.wrap) v.wrap.after(form);
    form.hidden = false;
  }

  function cancel() {
    if (!draft) return;
    draft.el.remove();
    draft.marks.forEach(function (m) { m.remove(); });
    var wrap = draft.v.wrap;
    draft = null;
    if (form) {
      form.hidden = true;
      document.getElementById("area-status").textContent = "";
    }
    return wrap;
  }

  function save() {
    if (!draft || !form) return;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  // startBox starts a box with the keyboard: over the open suggestion's
  // box on the page, or in the middle of the page most in view.
  function startBox() {
    if (draft) { draft.v.wrap.focus(); return; }
    if (!views.length) return;
    var cur = root.querySelector(".page-box.current, .page-area.current");
    var v, box;
    if (cur) {
      var page = parseInt(cur.closest("figure").getAttribute("data-page"), 10);
      v = views.filter(function (x) { return x.p.page === page; })[0];
      var b = boxOf(cur, v.p);
      box = { X0: clamp(b.X0 - 2, 0, v.p.width), Y0: clamp(b.Y0 - 2, 0, v.p.height), X1: clamp(b.X1 + 2, 0, v.p.width), Y1: clamp(b.Y1 + 2, 0, v.p.height) };
    } else {
      v = mostInView();
      var w = v.p.width * 0.25, h = v.p.height * 0.06;
      box = { X0: (v.p.width - w) / 2, Y0: (v.p.height - h) / 2, X1: (v.p.width + w) / 2, Y1: (v.p.height + h) / 2 };
    }
    setDraft(v, box, true);
    v.wrap.scrollIntoView({ block: "nearest" });
    draft.el.scrollIntoView({ block: "center" });
    v.wrap.focus({ preventScroll: true });
  }

  // boxOf reads back a placed box's page points.
  function boxOf(el, p) {
    var f = function (s, total) { return parseFloat(s) / 100 * total; };
    var x0 = f(el.style.left, p.width), y0 = f(el.style.top, p.height);
    return { X0: x0, Y0: y0, X1: x0 + f(el.style.width, p.width), Y1: y0 + f(el.style.height, p.height) };
  }

  function mostInView() {
    var best = views[0], seen = -1;
    views.forEach(function (v) {
      var r = v.wrap.getBoundingClientRect();
      var h = Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0);
      if (h > seen) { seen = h; best = v; }
    });
    return best;
  }

  // nudge moves the box (or with resize, its right and bottom edges) by
  // dx, dy points, kept on the page and at least STEP points in size.
  function nudge(dx, dy, resize) {
    var b = draft.box, p = draft.v.p, n;
    if (resize) {
      n = { X0: b.X0, Y0: b.Y0, X1: clamp(b.X1 + dx, b.X0 + STEP, p.width), Y1: clamp(b.Y1 + dy, b.Y0 + STEP, p.height) };
    } else {
      var mx = clamp(dx, -b.X0, p.width - b.X1), my = clamp(dy, -b.Y0, p.height - b.Y1);
      n = { X0: b.X0 + mx, Y0: b.Y0 + my, X1: b.X1 + mx, Y1: b.Y1 + my };
    }
    setDraft(draft.v, n, true);
  }

  function typing(el) {
    if (!el) return false;
    var t = el.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || el.isContentEditable;
  }

  var arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !root || !root.isConnected) return;
    if (ev.key === "Escape" && draft) {
      var wrap = cancel();
      if (wrap) wrap.focus({ preventScroll: true });
      ev.preventDefault();
      return;
    }
    if (typing(ev.target)) return;
    if (ev.key === "b" && form) {
      startBox();
      ev.preventDefault();
      return;
    }
    if (!draft) return;
    var a = arrows[ev.key];
    if (a) {
      nudge(a[0] * STEP, a[1] * STEP, ev.shiftKey);
      ev.preventDefault();
      return;
    }
    if (ev.key === "Enter" && (ev.target === document.body || ev.target === draft.v.wrap || ev.target.closest && ev.target.closest(".page-view"))) {
      save();
      ev.preventDefault();
    }
  });

  // asText fills the manual redaction form with the words under a box,
  // from the first to the last, for an officer who wants them redacted as
  // text (in this document or at every occurrence) rather than as an area.
  function asText(p, ws) {
    var s = -1, e = -1, text = [];
    ws.forEach(function (w) {
      if (s < 0 || w.start < s) s = w.start;
      if (w.end > e) e = w.end;
      text.push(w.text);
    });
    var status = document.getElementById("manual-status");
    if (s < 0) {
      if (status) status.textContent = "No words under the box on page " + p.page + ": save it as an area to black out its pixels.";
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
