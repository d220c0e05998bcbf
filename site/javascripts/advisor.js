// The in-browser advisor's form: asks the questions from advisor-data.json (the same wording and
// help as `advisor ask`), shows what advisor-engine.js (the port of the Python engine) answers
// beside the form, links every reason to the trait or limit row it comes from, and keeps the
// answers in the URL (#workload=messaging&ordering=per-key) so an answer can be shared.
(function () {
  "use strict";
  var recommend = window.PatternAdvisorEngine.recommend;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  // ---- the questions, in groups ----------------------------------------------------------------
  // A question may name its group in rules.yaml; otherwise its kind of answer decides.
  var GROUPS = [["workload", "What you are building"], ["behaviour", "How it behaves"],
                ["features", "What it must offer"], ["scale", "How big, how fast, how long"]];
  function groupOf(q) {
    if (q.group) return q.group;
    if (q.key === "workload") return "workload";
    if (q.type === "enum") return "behaviour";
    if (q.type === "boolean" || q.type === "list") return "features";
    return "scale";
  }

  function control(q) {
    var id = "pa-q-" + q.key, help = id + "-help";
    if (q.type === "list") {
      var box = el("fieldset", { id: id, "data-key": q.key, "class": "pa-list", "aria-describedby": help },
                   [el("legend", { "class": "pa-visually-hidden", text: q.question })]);
      Object.keys(q.answers).forEach(function (k) {
        var cb = el("input", { type: "checkbox", value: k, name: q.key, id: id + "-" + k });
        box.appendChild(el("label", { "for": id + "-" + k }, [cb, " " + q.answers[k]]));
      });
      return box;
    }
    if (q.type === "enum" || q.type === "boolean") {
      var sel = el("select", { id: id, name: q.key, "data-key": q.key, "aria-describedby": help });
      sel.appendChild(el("option", { value: "", text: q.key === "workload" ? "Choose..." : "Don't care" }));
      var answers = q.type === "boolean" ? { "true": "Yes", "false": "No" } : q.answers;
      Object.keys(answers).forEach(function (k) {
        sel.appendChild(el("option", { value: k, text: q.type === "boolean" ? answers[k] : k + " - " + answers[k] }));
      });
      return sel;
    }
    return el("input", { id: id, name: q.key, type: "number", min: String(q.minimum || 0), step: q.type === "integer" ? "1" : "any",
      placeholder: "Don't care", "data-key": q.key, "aria-describedby": help, inputmode: "decimal" });
  }

  function question(q) {
    var label = q.type === "list" ? el("span", { "class": "pa-label", id: "pa-q-" + q.key + "-label", text: q.question })
                                  : el("label", { "for": "pa-q-" + q.key, text: q.question + (q.unit ? " (" + q.unit + ")" : "") });
    var row = el("div", { "class": "pa-question", "data-question": q.key }, [label, control(q), el("small", { id: "pa-q-" + q.key + "-help", text: q.help })]);
    return row;
  }

  // ---- answers <-> requirements <-> URL -----------------------------------------------------------
  function applies(q, workload) {
    return q.key === "workload" || (workload && (q.applies_to === "all" || q.applies_to.indexOf(workload) >= 0));
  }

  function readAnswers(form, data) {
    var req = {};
    var workload = form.querySelector('[data-key="workload"]').value;
    data.questions.forEach(function (q) {
      var node = form.querySelector('[data-key="' + q.key + '"]');
      if (!node || !applies(q, workload)) return;
      if (q.type === "list") {
        var picked = Array.prototype.slice.call(node.querySelectorAll("input:checked")).map(function (c) { return c.value; });
        if (picked.length) req[q.key] = Object.keys(q.answers).filter(function (k) { return picked.indexOf(k) >= 0; });
      } else if (node.value !== "") {
        if (q.type === "boolean") req[q.key] = node.value === "true";
        else if (q.type === "integer" || q.type === "number") {
          var n = Number(node.value);
          if (isFinite(n) && n > 0 && (q.type === "number" || n === Math.floor(n))) req[q.key] = n;
        } else req[q.key] = node.value;
      }
    });
    return req;
  }

  function toHash(req) {
    return Object.keys(req).map(function (k) {
      var v = Array.isArray(req[k]) ? req[k].join(",") : String(req[k]);
      return encodeURIComponent(k) + "=" + encodeURIComponent(v);
    }).join("&");
  }

  function fromHash(form, data, hash) {
    var pairs = {};
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) pairs[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1));
    });
    data.questions.forEach(function (q) {
      if (!(q.key in pairs)) return;
      var node = form.querySelector('[data-key="' + q.key + '"]');
      if (q.type === "list") {
        var wanted = pairs[q.key].split(",");
        node.querySelectorAll("input").forEach(function (c) { c.checked = wanted.indexOf(c.value) >= 0; });
      } else {
        node.value = pairs[q.key];
        if (node.value !== pairs[q.key]) node.value = "";  // not one of the answers: don't care
      }
    });
    return "workload" in pairs;
  }

  // ---- the answer --------------------------------------------------------------------------------
  // A reason reads "<label>: ..."; the label names a question, the question its trait, and the
  // pattern's trait may cite the limit it runs into. Limits decide "not-above" rules.
  function reasonItem(text, pattern, data, prefix) {
    var li = el("li");
    var cut = text.indexOf(": ");
    var q = cut > 0 ? data.questions.filter(function (x) { return x.label === text.slice(0, cut); })[0] : null;
    var trait = q && q.rule && q.rule.trait;
    if (!trait || !pattern) { li.textContent = prefix + text; return li; }
    var entry = pattern.traits[trait];
    var anchor = entry && entry.limit && q.rule.kind === "not-above" ? "limit-" + entry.limit : "trait-" + trait;
    if (prefix) li.appendChild(document.createTextNode(prefix));
    li.appendChild(el("a", { href: "../patterns/" + pattern.id + "/#" + anchor, title: "The " + (anchor.indexOf("limit-") === 0 ? "limit" : "trait") + " this reason comes from", text: text.slice(0, cut) }));
    li.appendChild(document.createTextNode(text.slice(cut)));
    return li;
  }

  var KNOWN = ["id", "name", "score", "why", "tradeoffs", "partial", "reasons"];
  function extras(item) {
    // Fields a newer engine adds (monthly cost, why #1 beats #2, compositions) shown plainly.
    var box = el("div", { "class": "pa-extra" });
    Object.keys(item).forEach(function (k) {
      if (KNOWN.indexOf(k) >= 0 || item[k] === null || item[k] === undefined) return;
      var v = item[k], label = k.replace(/_/g, " ");
      var text = k === "monthly_usd" && typeof v === "number" ? "$" + v.toFixed(2) + " a month"
        : typeof v === "object" ? (Array.isArray(v) ? v.map(function (x) { return typeof x === "object" ? JSON.stringify(x) : String(x); }).join("; ") : JSON.stringify(v))
        : String(v);
      if (text) box.appendChild(el("p", {}, [el("strong", { text: label + ": " }), text]));
    });
    return box.childNodes.length ? box : null;
  }

  function render(out, result, data) {
    var byId = {};
    data.patterns.forEach(function (p) { byId[p.id] = p; });
    out.innerHTML = "";
    if (result.recommended.length) {
      out.appendChild(el("h2", { id: "pa-top", text: "Recommended: " + result.recommended[0].name }));
      var list = el("ol", { "class": "pa-recommended" });
      result.recommended.forEach(function (r) {
        var li = el("li", { "data-id": r.id }, [el("a", { href: "../patterns/" + r.id + "/", text: r.name })]);
        var ul = el("ul");
        r.why.forEach(function (w, i) {
          var item = reasonItem(w, byId[r.id], data, "");
          if (i === 0 && w.indexOf("Ranked ") === 0) item.className = "pa-rank-reason";
          ul.appendChild(item);
        });
        r.partial.forEach(function (w) { ul.appendChild(reasonItem(w, byId[r.id], data, "partly: ")); });
        li.appendChild(ul);
        var more = extras(r);
        if (more) li.appendChild(more);
        list.appendChild(li);
      });
      out.appendChild(list);
    } else {
      out.appendChild(el("h2", { id: "pa-top", text: "Nothing in the catalog meets every requirement" }));
    }
    if (result.conflicts.length) {
      var c = el("ul", { "class": "pa-conflicts" });
      result.conflicts.forEach(function (x) { c.appendChild(el("li", { text: x })); });
      out.appendChild(el("h3", { text: "Conflicts and pointers" }));
      out.appendChild(c);
    }
    if (result.ruled_out.length) {
      // Patterns not built for the workload say so in one line; the others keep every reason.
      var workloadReason = function (r) { return r.reasons.filter(function (x) { return x.indexOf("workload: ") === 0; })[0]; };
      var other = function (r) { return !!workloadReason(r); };
      var detailed = result.ruled_out.filter(function (r) { return !other(r); });
      var elsewhere = result.ruled_out.filter(other);
      out.appendChild(el("h3", { text: "Ruled out (" + result.ruled_out.length + ")" }));
      var ro = el("ul", { "class": "pa-ruled-out" });
      detailed.forEach(function (r) {
        var li = el("li", { "data-id": r.id }, [el("a", { href: "../patterns/" + r.id + "/", text: r.name })]);
        var ul = el("ul");
        r.reasons.forEach(function (x) { ul.appendChild(reasonItem(x, byId[r.id], data, "")); });
        li.appendChild(ul);
        var more = extras(r);
        if (more) li.appendChild(more);
        ro.appendChild(li);
      });
      elsewhere.forEach(function (r) {
        ro.appendChild(el("li", { "data-id": r.id, "class": "pa-elsewhere" }, [
          el("a", { href: "../patterns/" + r.id + "/", text: r.name }), " (" + workloadReason(r).replace("workload: ", "") + ")"]));
      });
      out.appendChild(ro);
    }
  }

  function start(root, data) {
    var form = el("form", { id: "pa-form", "aria-label": "Your requirements" });
    GROUPS.concat(data.questions.map(function (q) { return [groupOf(q), groupOf(q)]; })).forEach(function (g) {
      if (form.querySelector('[data-group="' + g[0] + '"]')) return;
      var qs = data.questions.filter(function (q) { return groupOf(q) === g[0]; });
      if (!qs.length) return;
      var set = el("fieldset", { "data-group": g[0] }, [el("legend", { text: g[1] })]);
      qs.forEach(function (q) { set.appendChild(question(q)); });
      form.appendChild(set);
    });
    var share = el("span", { "class": "pa-share", "aria-live": "polite" });
    var copy = el("button", { type: "button", id: "pa-copy", "class": "md-button", text: "Copy link to these answers" });
    form.appendChild(el("div", { "class": "pa-actions" }, [
      el("button", { type: "submit", id: "pa-submit", "class": "md-button md-button--primary", text: "Recommend" }), copy, share]));
    var out = el("div", { id: "pa-result", "aria-live": "polite", tabindex: "-1" });
    root.classList.add("pa-advisor");
    root.appendChild(form);
    root.appendChild(out);

    function applicable() {
      var w = form.querySelector('[data-key="workload"]').value;
      data.questions.forEach(function (q) {
        form.querySelector('[data-question="' + q.key + '"]').classList.toggle("pa-hidden", !applies(q, w));
      });
      form.querySelectorAll("fieldset[data-group]").forEach(function (set) {
        set.classList.toggle("pa-hidden", !set.querySelector(".pa-question:not(.pa-hidden)"));
      });
    }
    function answer() {
      var req = readAnswers(form, data);
      var hash = toHash(req);
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
      if (!req.workload) { out.innerHTML = ""; return null; }
      var result = recommend(data, req);
      window.PatternAdvisor.lastRequest = req;
      window.PatternAdvisor.lastResult = result;
      render(out, result, data);
      return result;
    }
    form.addEventListener("change", function () { applicable(); answer(); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      applicable();
      if (answer() && window.matchMedia("(max-width: 59.99em)").matches) out.focus();  // on a phone the answer is below
    });
    copy.addEventListener("click", function () {
      answer();
      var url = location.href;
      var done = function () { share.textContent = "Link copied."; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, function () { share.textContent = url; });
      else share.textContent = url;
    });
    if (location.hash && fromHash(form, data, location.hash)) { applicable(); answer(); } else applicable();
  }

  window.PatternAdvisor = { recommend: recommend, render: render, ready: null };
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("pa-advisor");
    if (!root) return;
    window.PatternAdvisor.ready = fetch(root.getAttribute("data-src")).then(function (r) { return r.json(); }).then(function (data) {
      window.PatternAdvisor.data = data;
      start(root, data);
      return data;
    });
  });
})();
