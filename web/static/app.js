// Keyboard shortcuts for the review screen. Everything here is a shortcut
// to a link or button on the page: the pages work without it.
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var t = el.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || el.isContentEditable;
  }

  // byteLen is the UTF-8 length of s: the server's offsets are bytes.
  function byteLen(s) { return new TextEncoder().encode(s).length; }

  // offsetOf turns a DOM position inside #doctext into a byte offset of
  // the document text, using the data-o offsets of the text runs.
  function offsetOf(node, off) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    var run = el && el.closest ? el.closest("[data-o]") : null;
    if (!run) return -1;
    var text = node.nodeType === 3 ? node.data.slice(0, off) : "";
    return parseInt(run.getAttribute("data-o"), 10) + byteLen(text);
  }

  // selection returns [start, end] byte offsets of the selected text in
  // the document, or null.
  function selection() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    var r = sel.getRangeAt(0);
    var doc = document.getElementById("doctext");
    if (!doc || !doc.contains(r.startContainer) || !doc.contains(r.endContainer)) return null;
    var a = offsetOf(r.startContainer, r.startOffset), b = offsetOf(r.endContainer, r.endOffset);
    if (a < 0 || b <= a) return null;
    return [a, b];
  }

  function clickKey(k) {
    var el = document.querySelector('[data-key="' + k + '"]');
    if (!el) return false;
    el.click();
    return true;
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    var k = ev.key;
    if (k === "?") {
      var d = document.getElementById("shortcuts");
      if (d) { d.open = !d.open; d.querySelector("summary").focus(); ev.preventDefault(); }
      return;
    }
    if (!document.getElementById("doctext")) return;
    var sel;
    switch (k) {
      case "j": case "k": case "a": case "r": case "w": case "u":
        if (clickKey(k)) ev.preventDefault();
        return;
      case "e":
        sel = selection();
        var s = document.getElementById("span-start"), e = document.getElementById("span-end");
        if (!s || !e) return;
        ev.preventDefault();
        if (sel) { s.value = sel[0]; e.value = sel[1]; clickKey("e"); } else { s.focus(); s.select(); }
        return;
      case "m":
        sel = selection();
        var f = document.getElementById("manual-form");
        if (!f) return;
        ev.preventDefault();
        if (sel) {
          document.getElementById("manual-start").value = sel[0];
          document.getElementById("manual-end").value = sel[1];
          document.getElementById("manual-text").value = window.getSelection().toString();
          // Where it applies is the officer's explicit choice, every time.
          var where = f.querySelector('input[name="applies_to"]:checked');
          if (where) {
            clickKey("m");
          } else {
            document.getElementById("manual-status").textContent = "Choose this document only or every occurrence, then press Redact.";
            document.getElementById("applies-document").focus();
          }
        } else {
          document.getElementById("manual-text").focus();
        }
        return;
    }
  });

  // Typing the text to redact replaces a selection made before.
  document.addEventListener("input", function (ev) {
    if (!ev.target || ev.target.id !== "manual-text") return;
    document.getElementById("manual-start").value = "";
    document.getElementById("manual-end").value = "";
  });

  // After htmx swaps in a new review screen, bring the current suggestion
  // into view and move focus to its panel for screen readers.
  function focusCurrent() {
    var cur = document.querySelector("mark.current");
    if (cur) cur.scrollIntoView({ block: "center" });
    var panel = document.getElementById("current");
    if (panel && location.hash === "#current") panel.focus({ preventScroll: true });
  }
  document.addEventListener("DOMContentLoaded", focusCurrent);
  document.addEventListener("htmx:afterSettle", focusCurrent);
})();
