// The in-browser advisor's form: asks the questions from advisor-data.json and shows what
// advisor-engine.js (the port of the Python engine) answers.
(function () {
  "use strict";
  var recommend = window.PatternAdvisorEngine.recommend;

  // ---- the questionnaire UI -------------------------------------------------------------------
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }

  function control(q) {
    var id = "pa-q-" + q.key;
    if (q.type === "enum" || q.type === "boolean") {
      var sel = el("select", { id: id, name: q.key, "data-key": q.key });
      sel.appendChild(el("option", { value: "", text: q.key === "workload" ? "Choose..." : "Don't care" }));
      var answers = q.type === "boolean" ? { "true": "Yes", "false": "No" } : q.answers;
      Object.keys(answers).forEach(function (k) { sel.appendChild(el("option", { value: k, text: answers[k] })); });
      return sel;
    }
    if (q.type === "list") {
      var box = el("div", { id: id, "data-key": q.key, "class": "pa-list" });
      Object.keys(q.answers).forEach(function (k) {
        var cb = el("input", { type: "checkbox", value: k, name: q.key });
        box.appendChild(el("label", {}, [cb, document.createTextNode(" " + q.answers[k])]));
      });
      return box;
    }
    return el("input", { id: id, name: q.key, type: "number", min: String(q.minimum || 0), step: q.type === "integer" ? "1" : "any",
      placeholder: "Don't care (" + (q.unit || "") + ")", "data-key": q.key });
  }

  function readAnswers(form, data) {
    var req = {};
    data.questions.forEach(function (q) {
      var node = form.querySelector('[data-key="' + q.key + '"]');
      if (!node || node.closest(".pa-hidden")) return;
      if (q.type === "list") {
        var picked = Array.prototype.slice.call(node.querySelectorAll("input:checked")).map(function (c) { return c.value; });
        if (picked.length) req[q.key] = Object.keys(q.answers).filter(function (k) { return picked.indexOf(k) >= 0; });
      } else if (node.value !== "") {
        if (q.type === "boolean") req[q.key] = node.value === "true";
        else if (q.type === "integer" || q.type === "number") req[q.key] = Number(node.value);
        else req[q.key] = node.value;
      }
    });
    return req;
  }

  function render(out, result) {
    out.innerHTML = "";
    if (result.recommended.length) {
      var top = result.recommended[0];
      out.appendChild(el("h2", { id: "pa-top", text: "Recommended: " + top.name }));
      var list = el("ol", { "class": "pa-recommended" });
      result.recommended.forEach(function (r) {
        var li = el("li", { "data-id": r.id }, [el("a", { href: "../patterns/" + r.id + "/", text: r.name + " (" + r.id + ")" })]);
        var ul = el("ul");
        r.why.concat(r.partial.map(function (x) { return "partly: " + x; })).forEach(function (w) { ul.appendChild(el("li", { text: w })); });
        li.appendChild(ul);
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
      out.appendChild(el("h3", { text: "Ruled out" }));
      var ro = el("ul", { "class": "pa-ruled-out" });
      result.ruled_out.forEach(function (r) {
        var li = el("li", { "data-id": r.id, text: r.name + " (" + r.id + ")" });
        var ul = el("ul");
        r.reasons.forEach(function (x) { ul.appendChild(el("li", { text: x })); });
        li.appendChild(ul);
        ro.appendChild(li);
      });
      out.appendChild(ro);
    }
  }

  function start(root, data) {
    var form = el("form", { id: "pa-form" });
    data.questions.forEach(function (q) {
      var row = el("div", { "class": "pa-question", "data-question": q.key }, [
        el("label", { "for": "pa-q-" + q.key, text: q.question }), control(q), el("small", { text: q.help })]);
      form.appendChild(row);
    });
    var button = el("button", { type: "submit", id: "pa-submit", "class": "md-button md-button--primary", text: "Recommend" });
    form.appendChild(button);
    var out = el("div", { id: "pa-result" });
    root.appendChild(form);
    root.appendChild(out);
    function applicable() {
      var w = form.querySelector('[data-key="workload"]').value;
      data.questions.forEach(function (q) {
        var row = form.querySelector('[data-question="' + q.key + '"]');
        var shown = q.key === "workload" || (w && (q.applies_to === "all" || q.applies_to.indexOf(w) >= 0));
        row.classList.toggle("pa-hidden", !shown);
      });
    }
    form.addEventListener("change", applicable);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      render(out, recommend(data, readAnswers(form, data)));
    });
    applicable();
  }

  window.PatternAdvisor = { recommend: recommend, ready: null };
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
