// The review page: the queue on the left, one item on the right, decisions by keyboard.
(function () {
  "use strict";
  var TEXT = {
    th: {
      title: "ตรวจทานค่าที่อ่านได้", reviewer: "ผู้ตรวจทาน", export: "ส่งออกไฟล์ (e)",
      lang: "English (l)", loading: "กำลังโหลด…", field: "ช่องข้อมูล", value: "ค่าที่ใช้",
      value_read: "ค่าที่อ่านได้", recomputed: "ค่าที่คำนวณใหม่", rules: "กฎที่ใช้ตรวจ",
      flags: "ข้อสังเกต", accept: "ยืนยันค่าที่อ่านได้ (a)", correct: "แก้ไขเป็น (c)",
      save: "บันทึก (Enter)", unreadable: "อ่านไม่ได้ (u)", note: "หมายเหตุ",
      history: "ประวัติการตัดสิน", none: "ไม่มี", empty: "ไม่มีรายการที่ต้องตรวจทาน",
      keys: "a ยืนยันค่าที่อ่านได้ · c แก้ไข (พิมพ์ค่าแล้วกด Enter) · u อ่านไม่ได้ · n/j ถัดไป · p/k ก่อนหน้า · e ส่งออก · l ภาษา",
      open: "รอตรวจ", decided: "ตัดสินแล้ว", conflict: "ขัดแย้ง",
      error: "ผิดพลาด", low_confidence: "ความเชื่อมั่นต่ำ", filled: "เติมจากที่อื่น",
      accepted: "ยืนยัน", corrected: "แก้ไข", saved: "บันทึกแล้ว", exported: "ส่งออกแล้ว",
      need_who: "โปรดใส่ชื่อผู้ตรวจทานก่อน", indicator: "ตัวชี้วัด", form: "แบบฟอร์ม",
      no_flag: "ไม่มีข้อสังเกตบนค่านี้", show: "แสดง", all: "ทั้งหมด", by: "โดย", counts: "รอตรวจ {open} · ตัดสินแล้ว {decided} · ขัดแย้ง {conflict}"
    },
    en: {
      title: "Review the values read", reviewer: "Reviewer", export: "Export files (e)",
      lang: "ภาษาไทย (l)", loading: "Loading…", field: "Field", value: "Value in force",
      value_read: "Value read", recomputed: "Recomputed", rules: "Rules applied",
      flags: "Flags", accept: "Accept as read (a)", correct: "Correct to (c)",
      save: "Save (Enter)", unreadable: "Unreadable (u)", note: "Note",
      history: "Decisions", none: "none", empty: "Nothing to review",
      keys: "a accept as read · c correct (type the value, Enter) · u unreadable · n/j next · p/k previous · e export · l language",
      open: "open", decided: "decided", conflict: "conflict",
      error: "error", low_confidence: "low confidence", filled: "filled from elsewhere",
      accepted: "accepted", corrected: "corrected", saved: "Saved", exported: "Exported",
      need_who: "Type the reviewer's name first", indicator: "indicator", form: "form",
      no_flag: "no flag on this value", show: "Show", all: "all", by: "by", counts: "open {open} · decided {decided} · conflict {conflict}"
    }
  };
  var lang = localStorage.getItem("thaieval-lang") || "th";
  var items = [];
  var current = -1;
  var shown = null;  // the item shown, as the server last gave it
  var asked = 0;  // the last item asked for: an older answer arriving late is not shown
  var only = "";  // the reason the queue is filtered by ("" for every item)

  function wanted(item) { return !only || item.reasons.indexOf(only) >= 0 || item.state === only; }

  function step(from, by) {
    for (var j = from + by; j >= 0 && j < items.length; j += by) {
      if (wanted(items[j])) { return j; }
    }
    return from;
  }
  var $ = function (sel, root) { return (root || document).querySelector(sel); };

  function t(key) { return (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key; }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = t(el.dataset.t); });
    document.querySelectorAll("#only option").forEach(function (o) { o.textContent = t(o.value || "all"); });
    renderList();
    if (shown) { renderItem(shown); }
  }

  function say(message, isError) {
    var box = $("#status");
    box.textContent = message;
    box.className = "show" + (isError ? " error" : "");
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { box.className = ""; }, isError ? 8000 : 2500);
  }

  function problemText(body) {
    if (!body) { return "?"; }
    return (lang === "th" ? body.message_th : body.message) || body.message || body.error;
  }

  function api(method, url, payload) {
    var options = { method: method, headers: { "Accept": "application/json" } };
    if (payload !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    return fetch(url, options).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { var e = new Error(problemText(body)); e.status = response.status; e.body = body; throw e; }
        return body;
      });
    });
  }

  function label(item) {
    var where = item.indicator ? t("indicator") + " " + item.indicator : t("form") + " " + item.form_key;
    return item.unit + " · " + item.component + " · " + where;
  }

  function renderList() {
    var list = $("#items");
    list.textContent = "";
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.dataset.id = item.id;
      li.dataset.state = item.state;
      li.hidden = !wanted(item);
      if (i === current) { li.className = "current"; }
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = t(item.state);
      li.appendChild(badge);
      li.appendChild(document.createTextNode(label(item)));
      var sub = document.createElement("span");
      sub.className = "sub";
      sub.textContent = item.field + " = " + (item.value || "–") + "  [" + item.reasons.map(t).join(", ") + "]";
      li.appendChild(sub);
      li.addEventListener("click", function () { select(i); });
      list.appendChild(li);
    });
    var counts = { open: 0, decided: 0, conflict: 0 };
    items.forEach(function (item) { counts[item.state] += 1; });
    $("#counts").textContent = t("counts").replace(/\{(\w+)\}/g, function (_, k) { return counts[k]; });
  }

  function li(text, cls) {
    var el = document.createElement("li");
    el.textContent = text;
    if (cls) { el.className = cls; }
    return el;
  }

  function renderItem(item) {
    var root = $("#item");
    root.textContent = "";
    root.appendChild($("#item-template").content.cloneNode(true));
    root.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = t(el.dataset.t); });
    root.dataset.id = item.id;
    $(".where", root).textContent = label(item) + (item.indicator_name ? " — " + item.indicator_name : "");
    item.reasons.forEach(function (r) {
      var s = document.createElement("span"); s.textContent = t(r); $(".reasons", root).appendChild(s);
    });
    $(".field", root).textContent = item.field;
    $(".value", root).textContent = item.value || "–";
    $(".value-read", root).textContent = item.value_read || "–";
    $(".recomputed", root).textContent = (item.recomputed || "–") + "  (" + item.recomputed_column + ")";
    var checks = $(".checks", root);
    item.checks.forEach(function (c) {
      checks.appendChild(li(c.rule + ": " + c.status + (c.inputs ? " — " + c.inputs : "") + (c.reason ? " (" + c.reason + ")" : ""), c.status));
    });
    if (!item.checks.length) { checks.appendChild(li(t("none"))); }
    var flags = $(".flags", root);
    item.flags.forEach(function (f) {
      flags.appendChild(li(f.severity + " " + f.check + ": " + f.message + (f.reviewed ? " [" + f.reviewed + "]" : ""), f.severity));
    });
    if (!item.flags.length) { flags.appendChild(li(t("no_flag"))); }
    var form = $("form.decide", root);
    form.dataset.correctable = String(item.correctable);
    $(".accept", root).addEventListener("click", function () { send("accepted"); });
    $(".unreadable", root).addEventListener("click", function () { send("unreadable"); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); send("corrected"); });
    if (item.decision && item.decision.decision === "corrected") { $(".correct", root).value = item.decision.value_corrected; }
    var past = $(".history", root);
    (item.history || []).forEach(function (h) {
      past.appendChild(li(h.at + " " + h.who + ": " + t(h.decision) + " " + (h.value_corrected || "") + (h.note ? " — " + h.note : "")));
    });
    if (!(item.history || []).length) { past.appendChild(li(t("none"))); }
    loadEvidence(item.id);
  }

  function loadEvidence(id) {
    api("GET", "/api/items/" + id + "/evidence").then(function (ev) {
      if (!shown || shown.id !== id) { return; }
      var fig = $("#item figure.evidence");
      var note = lang === "en" ? (ev.note_en || ev.note) : ev.note;
      $("figcaption", fig).textContent = note;
      if (ev.kind === "image") {
        var img = document.createElement("img");
        img.className = "crop"; img.alt = note; img.src = ev.data_uri;
        fig.insertBefore(img, fig.firstChild);
      } else if (ev.kind === "lines") {
        var pre = document.createElement("pre");
        pre.className = "crop lines";
        ev.lines.forEach(function (pair) {
          var span = document.createElement("span");
          span.className = pair[0] === ev.highlight ? "hl" : "ln";
          span.textContent = pair[0] + "  " + pair[1];
          pre.appendChild(span);
        });
        fig.insertBefore(pre, fig.firstChild);
      }
    }).catch(function (e) { say(e.message, true); });
  }

  function select(i) {
    if (i < 0 || i >= items.length) { return; }
    current = i;
    var id = items[i].id;
    history.replaceState(null, "", "#item=" + id);
    renderList();
    var row = $('#items li[data-id="' + id + '"]');
    if (row) { row.scrollIntoView({ block: "nearest" }); }
    var ticket = ++asked;
    return api("GET", "/api/items/" + id).then(function (item) {
      if (ticket !== asked) { return; }
      shown = item;
      renderItem(item);
    }).catch(function (e) { say(e.message, true); });
  }

  function nextOpen(from) {
    for (var k = 1; k <= items.length; k += 1) {
      var j = (from + k) % items.length;
      if (items[j].state !== "decided" && wanted(items[j])) { return j; }
    }
    return step(from, 1);
  }

  function send(decision) {
    if (!shown) { return; }
    var who = $("#who").value.trim();
    if (!who) { say(t("need_who"), true); $("#who").focus(); return; }
    localStorage.setItem("thaieval-who", who);
    var payload = {
      decision: decision, who: who,
      note: $("#item .note").value,
      value: $("#item .correct").value,
      base: shown.decision ? shown.decision.decision_id : ""
    };
    var id = shown.id;
    return api("POST", "/api/items/" + id + "/decision", payload).then(function (item) {
      say(t("saved") + ": " + t(decision) + (decision === "corrected" ? " " + item.decision.value_corrected : ""));
      return loadList(id).then(function () { select(nextOpen(current)); });
    }).catch(function (e) {
      say(e.message, true);
      if (e.status === 409) { loadList(id).then(function () { select(current); }); }
    });
  }

  function loadList(keepId) {
    return api("GET", "/api/items").then(function (body) {
      items = body.items;
      var at = items.findIndex(function (it) { return it.id === keepId; });
      current = at >= 0 ? at : Math.min(Math.max(current, 0), items.length - 1);
      renderList();
      if (!items.length) {
        var none = document.createElement("p");
        none.className = "empty"; none.textContent = t("empty");
        $("#item").textContent = ""; $("#item").appendChild(none);
      }
    });
  }

  function exportNow() {
    return api("POST", "/api/export").then(function (body) {
      say(t("exported") + ": " + body.written.length);
    }).catch(function (e) { say(e.message, true); });
  }

  document.addEventListener("keydown", function (ev) {
    var typing = ev.target.tagName === "INPUT" || ev.target.tagName === "TEXTAREA";
    if (ev.key === "Escape" && typing) { ev.target.blur(); return; }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var key = ev.key.toLowerCase();
    var actions = {
      a: function () { send("accepted"); },
      u: function () { if (shown && shown.correctable) { send("unreadable"); } },
      c: function () { var input = $("#item .correct"); if (input && shown && shown.correctable) { input.focus(); input.select(); } },
      n: function () { select(step(current, 1)); }, j: function () { select(step(current, 1)); },
      arrowdown: function () { select(step(current, 1)); },
      p: function () { select(step(current, -1)); }, k: function () { select(step(current, -1)); },
      arrowup: function () { select(step(current, -1)); },
      e: exportNow,
      l: function () { lang = lang === "th" ? "en" : "th"; localStorage.setItem("thaieval-lang", lang); applyLanguage(); }
    };
    if (actions[key]) { ev.preventDefault(); actions[key](); }
  });
  $("#export").addEventListener("click", exportNow);
  $("#only").addEventListener("change", function (ev) {
    only = ev.target.value;
    renderList();
    if (items.length && !wanted(items[current])) { select(step(-1, 1)); }
  });
  $("#lang").addEventListener("click", function () {
    lang = lang === "th" ? "en" : "th"; localStorage.setItem("thaieval-lang", lang); applyLanguage();
  });

  // The name is filled from /api/meta before the page says it is ready, so that nothing
  // typed into it afterwards is overwritten when that answer comes late.
  var named = api("GET", "/api/meta").then(function (meta) {
    $("#who").value = localStorage.getItem("thaieval-who") || meta.who || "";
    document.title = "thaieval — " + meta.dataset;
  });
  var linked = (location.hash.match(/item=([0-9a-f]+)/) || [])[1];
  Promise.all([named, loadList(linked)]).then(function () {
    applyLanguage();
    if (items.length) { select(current); }
    window.reviewReady = true;
  }).catch(function (e) { say(e.message, true); });
})();
