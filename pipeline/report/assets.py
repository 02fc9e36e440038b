"""The review report's stylesheet and filter script, inlined into the page so it works
offline (no CDN, no external file).

Every label of the report is Thai, with its English in ``data-en``: the language button
(``#lang-toggle``) swaps them, and ``#lang=en`` in the address opens the page in English.
The script filters on data attributes: every ``.card`` carries ``data-unit``,
``data-component``, ``data-severity`` and ``data-check``; every ``.form`` its unit and
component; every ``section.unit`` its unit. The filter is mirrored in the URL's fragment
(``report.html#unit=…&check=…``), so a filtered view can be linked to.

>>> "font-family" in CSS and "addEventListener" in SCRIPT
True
"""

from __future__ import annotations

__all__ = ["CSS", "SCRIPT"]

CSS = """
:root { --err: #c62828; --warn: #b26a00; --line: #d0d7de; }
body { font-family: "Laksaman", "Garuda", "Noto Sans Thai", "Sarabun", "Tahoma", sans-serif;
  margin: 0 auto; max-width: 1280px; padding: 0 16px 40px; color: #1f2328; font-size: 15px; }
h1 { font-size: 1.5em; margin: 16px 0 4px; }
h2 { border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
h3 { margin: 22px 0 2px; font-size: 1.1em; }
h3 small, h2 small { font-weight: normal; color: #57606a; }
.meta { color: #57606a; margin: 2px 0 8px; }
nav.filters { position: sticky; top: 0; background: #f6f8fa; border-bottom: 1px solid var(--line);
  padding: 8px 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
nav.filters label { font-size: 0.9em; }
nav.filters select { font: inherit; max-width: 260px; }
#shown { color: #57606a; margin-left: auto; }
dl.counts { display: flex; flex-wrap: wrap; gap: 8px; }
dl.counts dt { color: #57606a; }
dl.counts dd { margin: 0 16px 0 4px; font-weight: bold; }
table { border-collapse: collapse; margin: 6px 0; font-size: 0.9em; }
th, td { border: 1px solid var(--line); padding: 2px 6px; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.name { max-width: 420px; }
tr.flagged td:first-child { border-left: 4px solid var(--warn); }
td.diff { background: #ffd7d5; font-weight: bold; }
td.lowconf { background: #fff1c2; }
tr.total td { font-weight: bold; background: #fafbfc; }
.chartbox { overflow-x: auto; }
svg.chart text { font-size: 12px; fill: #1f2328; }
svg.chart text.total { font-weight: bold; }
svg.chart text.year { fill: #57606a; }
svg.chart text.declared { fill: #1f2328; font-style: italic; }
.chart-note { max-width: 900px; }
.left-out { background: #fff8c5; border: 1px solid #d4a72c; padding: 6px 10px; border-radius: 4px; }
.unsure { color: var(--warn); font-weight: bold; }
#lang-toggle { margin-left: 8px; }
div.form, section.unit { scroll-margin-top: 56px; }  /* below the sticky filter bar */
details { margin: 6px 0; }
summary { cursor: pointer; color: #0969da; }
h5 { margin: 8px 0 2px; }
.cards { display: grid; gap: 10px; margin-top: 8px; }
.card { border: 1px solid var(--line); border-left: 5px solid var(--warn); border-radius: 4px;
  padding: 6px 10px; background: #fff; }
.card.sev-error { border-left-color: var(--err); }
.card header { font-size: 0.9em; }
.card .sev { text-transform: uppercase; font-weight: bold; color: var(--warn); }
.card.sev-error .sev { color: var(--err); }
.card .where, .card .field { color: #57606a; }
.card .msg { margin: 4px 0; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 10px; margin: 4px 0; }
.card dt { color: #57606a; }
.card dd { margin: 0; font-family: monospace; }
figure.evidence { margin: 6px 0 0; }
figure.evidence img { max-width: 100%; border: 1px solid var(--line); display: block; }
figure.evidence figcaption { font-size: 0.8em; color: #57606a; }
figure.missing figcaption { color: var(--err); }
pre.lines { background: #f6f8fa; padding: 6px; margin: 0; white-space: pre-wrap; font-size: 0.9em;
  font-family: inherit; border: 1px solid var(--line); }
pre.lines span { display: block; }
pre.lines b { color: #8c959f; font-weight: normal; font-family: monospace; }
pre.lines .hl { background: #fff1c2; }
[hidden] { display: none !important; }
"""

SCRIPT = """
(function () {
  "use strict";
  // A crop shown twice is embedded once; the copies take the first one's pixels.
  document.querySelectorAll("img[data-same-as]").forEach(function (img) {
    var first = document.getElementById(img.dataset.sameAs);
    if (first) { img.src = first.src; }
  });
  var keys = ["unit", "component", "severity", "check"];
  var lang = "th";
  // Thai is written in the page; English is in data-en. The first swap keeps the Thai.
  function setLang(wanted) {
    lang = wanted === "en" ? "en" : "th";
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-en]").forEach(function (el) {
      if (el.dataset.th === undefined) { el.dataset.th = el.textContent; }
      el.textContent = lang === "en" ? el.dataset.en : el.dataset.th;
    });
  }
  var selects = {};
  keys.forEach(function (k) { selects[k] = document.getElementById("filter-" + k); });
  var shown = document.getElementById("shown");
  var flags = document.querySelectorAll(".card.flag");

  function current() {
    var f = {};
    keys.forEach(function (k) { f[k] = selects[k].value; });
    return f;
  }
  function matches(el, f, names) {
    return names.every(function (k) { return !f[k] || el.dataset[k] === f[k]; });
  }
  function apply() {
    var f = current();
    var byCard = Boolean(f.severity || f.check);
    var count = 0;
    document.querySelectorAll(".card").forEach(function (card) {
      card.hidden = !matches(card, f, keys);
      if (!card.hidden && card.classList.contains("flag")) { count += 1; }
    });
    document.querySelectorAll("div.form").forEach(function (form) {
      var ok = matches(form, f, ["unit", "component"]);
      if (ok && byCard) { ok = form.querySelector(".card:not([hidden])") !== null; }
      form.hidden = !ok;
    });
    document.querySelectorAll("section.unit").forEach(function (unit) {
      unit.hidden = !(matches(unit, f, ["unit"]) && unit.querySelector("div.form:not([hidden])"));
    });
    var words = document.body.dataset[lang === "en" ? "shownEn" : "shownTh"];
    shown.textContent = words.replace("{n}", count).replace("{total}", flags.length);
    var parts = keys.filter(function (k) { return f[k]; }).map(function (k) {
      return k + "=" + encodeURIComponent(f[k]);
    });
    if (lang === "en") { parts.push("lang=en"); }
    try {
      history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
    } catch (e) { /* some browsers refuse history on file: pages; the filter still works */ }
  }
  function fromHash() {
    var wanted = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2) { wanted[kv[0]] = decodeURIComponent(kv[1]); }
    });
    keys.forEach(function (k) {
      var s = selects[k];
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted[k]; });
      s.value = known ? wanted[k] : "";
    });
    // A link within the page (#unit=…) names no language: the one chosen stays.
    if (wanted.lang && wanted.lang !== lang) { setLang(wanted.lang); }
  }
  keys.forEach(function (k) { selects[k].addEventListener("change", apply); });
  document.getElementById("filter-reset").addEventListener("click", function () {
    keys.forEach(function (k) { selects[k].value = ""; });
    apply();
  });
  document.getElementById("lang-toggle").addEventListener("click", function () {
    setLang(lang === "en" ? "th" : "en");
    apply();
  });
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
"""
