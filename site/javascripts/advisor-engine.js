// The advisor's engine in the browser: a port of advisor/advise/engine.py evaluating advisor-data.json, which the
// site build exports from rules.yaml and the catalog. Tests require identical results to the CLI.
(function () {
  "use strict";
  var MEETS = "meets", PARTIAL = "partial", FAILS = "fails";

  function fmt(v) {
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "number") {
      return Number.isInteger(v) ? v.toLocaleString("en-US") : v.toLocaleString("en-US", { maximumSignificantDigits: 6 });
    }
    if (Array.isArray(v)) return v.length ? v.join(", ") : "none";
    return String(v);
  }

  function limitFor(p, traitKey) {
    var ref = (p.traits[traitKey] || {}).limit;
    for (var i = 0; i < p.limits.length; i++) if (p.limits[i].id === ref) return p.limits[i];
    return null;
  }

  function check(q, required, p) {
    var rule = q.rule, label = q.label, kind = rule.kind;
    if (kind === "workload") {
      if (p.workloads.indexOf(required) >= 0) return [MEETS, label + ": built for " + required];
      return [FAILS, label + ": built for " + fmt(p.workloads) + ", not " + required];
    }
    var trait = p.traits[rule.trait];
    var note = trait ? (trait.note || "") : "";
    if (kind === "equals") {
      var v0 = trait ? trait.value : rule["default"];
      if (v0 === required) return [MEETS, label + ": " + fmt(v0)];
      return [FAILS, label + ": needs " + required + "; this pattern speaks " + v0 + " only"];
    }
    if (!trait) return [FAILS, label + ": needs " + fmt(required) + "; this pattern has no " + label + " to offer"];
    var value = trait.value, said = note ? " " + note : "";
    if (kind === "at-least") {
      if (rule.order.indexOf(value) >= rule.order.indexOf(required)) return [MEETS, label + ": " + value + "." + said];
      return [FAILS, label + ": needs " + required + ", this pattern gives " + value + "." + said];
    }
    if (kind === "required") {
      if (!required || value) return [MEETS, label + ": yes." + said];
      return [FAILS, label + ": needed, not offered." + said];
    }
    if (kind === "not-above") {
      var unit = q.unit || "";
      if (value === null || required <= value) {
        var lim = value === null ? "no documented limit" : "up to " + fmt(value) + " " + unit;
        return [MEETS, label + ": " + fmt(required) + " " + unit + " needed, " + lim + "." + said];
      }
      var limit = limitFor(p, rule.trait);
      var source = limit ? " (limit: " + limit.name + ", " + limit.source + ", as of " + limit.as_of + ")" : "";
      var ceiling = limit && limit.ceiling !== undefined && limit.ceiling !== null ? limit.ceiling : null;
      if (limit && limit.adjustable && ceiling !== null && required > ceiling) {
        return [FAILS, label + ": needs " + fmt(required) + " " + unit + ", the limit is " + fmt(value) + " " + unit +
          " and can be raised only to " + fmt(ceiling) + " " + unit + source + "." + said];
      }
      if (limit && limit.adjustable) {
        return [PARTIAL, label + ": " + fmt(required) + " " + unit + " is above the default quota of " + fmt(value) + " " + unit +
          ", which AWS raises on request" + source + "." + said];
      }
      return [FAILS, label + ": needs " + fmt(required) + " " + unit + ", the limit is " + fmt(value) + " " + unit + source + "." + said];
    }
    if (kind === "accepts") {
      if (rule.accepts[required].indexOf(value) >= 0) return [MEETS, label + ": " + value + "." + said];
      return [FAILS, label + ": needs " + required + ", this pattern is " + value + "." + said];
    }
    if (kind === "includes") {
      if (value.indexOf(required) >= 0) return [MEETS, label + ": supports " + required + "." + said];
      return [FAILS, label + ": needs " + required + ", this pattern supports " + fmt(value) + "." + said];
    }
    if (kind === "includes-all") {
      var missing = required.filter(function (x) { return value.indexOf(x) < 0; });
      if (!missing.length) return [MEETS, label + ": supports " + fmt(required) + "." + said];
      return [FAILS, label + ": needs " + fmt(missing) + ", not available." + said];
    }
    throw new Error("unknown rule kind " + kind);
  }

  function question(data, key) {
    for (var i = 0; i < data.questions.length; i++) if (data.questions[i].key === key) return data.questions[i];
    throw new Error("unknown requirement " + key);
  }

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function beyond(data, req) {
    var out = [];
    data.beyond_catalog.forEach(function (ptr) {
      var keys = Object.keys(ptr.when);
      if (keys.every(function (k) { return req[k] === ptr.when[k]; })) {
        var when = keys.map(function (k) { return k + "=" + ptr.when[k]; }).join(", ");
        out.push(when + " is outside this catalog: look at " + ptr.service + ". " + ptr.why + " " + ptr.url);
      }
    });
    return out;
  }

  function conflicts(data, req, asked, verdicts) {
    var out = beyond(data, req);
    var workload = req.workload;
    var pool = Object.keys(verdicts).filter(function (id) { return verdicts[id].workload !== FAILS; });
    if (workload && !pool.length) return out.concat(["no pattern in the catalog is built for workload " + workload]);
    var keys = asked.map(function (a) { return a[0].key; }).filter(function (k) { return k !== "workload"; });
    var ok = {};
    keys.forEach(function (k) { ok[k] = pool.filter(function (id) { return verdicts[id][k] !== FAILS; }); });
    keys.filter(function (k) { return !ok[k].length; }).forEach(function (k) {
      var pointed = data.beyond_catalog.some(function (p) { return k in p.when; });
      if (!pointed) out.push((k + "=" + fmt(req[k]) + ": no " + (workload || "") + " pattern in the catalog meets it; relax it").replace("  ", " "));
    });
    var rest = keys.filter(function (k) { return ok[k].length; });
    for (var i = 0; i < rest.length; i++) {
      for (var j = i + 1; j < rest.length; j++) {
        var a = rest[i], b = rest[j];
        var both = ok[a].filter(function (id) { return ok[b].indexOf(id) >= 0; });
        if (!both.length) {
          out.push(a + "=" + fmt(req[a]) + " conflicts with " + b + "=" + fmt(req[b]) + ": the patterns that meet the first (" +
            ok[a].slice().sort().join(", ") + ") cannot meet the second; relax one of them");
        }
      }
    }
    if (!out.length) out.push("no single pattern meets all of these requirements together; relax the one you can most easily change");
    return out;
  }

  function excess(data, p, req) {
    var out = [];
    data.questions.forEach(function (q) {
      if (!q.rank_excess) return;
      var trait = p.traits[q.rule.trait];
      if (!trait) return;
      var value = trait.value, required = req[q.key];
      if (q.rule.kind === "at-least") {
        var order = q.rule.order;
        if (order.indexOf(value) > order.indexOf(required !== undefined ? required : order[0])) out.push(q.label + " " + value);
      } else if (value === true && required !== true) {
        out.push(q.label);
      }
    });
    return out;
  }

  function recommend(data, req) {
    var asked = Object.keys(req).map(function (k) { return [question(data, k), req[k]]; });
    var result = { requirements: req, recommended: [], ruled_out: [], conflicts: [] };
    var fits = [], verdicts = {};
    data.patterns.forEach(function (p) {
      var reasons = [], partial = [], why = [], verdict = (verdicts[p.id] = {});
      asked.forEach(function (a) {
        var r = check(a[0], a[1], p);
        verdict[a[0].key] = r[0];
        (r[0] === FAILS ? reasons : r[0] === PARTIAL ? partial : why).push(r[1]);
      });
      if (reasons.length) result.ruled_out.push({ id: p.id, name: p.name, reasons: reasons });
      else fits.push({ p: p, why: why, partial: partial });
    });
    fits.forEach(function (f) { f.more = excess(data, f.p, req); });
    fits.sort(function (x, y) {
      return cmp(!!x.p.never_first_choice, !!y.p.never_first_choice) || cmp(x.partial.length, y.partial.length) ||
        cmp(x.more.length, y.more.length) || cmp(x.p.moving_parts, y.p.moving_parts) || cmp(x.p.id, y.p.id);
    });
    fits.forEach(function (f, i) {
      var p = f.p, parts = p.moving_parts;
      var score = 100 - 10 * f.partial.length - 5 * f.more.length - parts - (p.never_first_choice ? 50 : 0);
      var order = "Ranked " + (i + 1) + " of " + fits.length + ": ";
      order += f.partial.length ? f.partial.length + " partial match(es)" : "meets every requirement in full";
      order += f.more.length ? ", offers more than asked (" + f.more.join(", ") + "), which costs throughput, money or operations"
        : ", no guarantees beyond what you asked";
      order += ", " + parts + " moving parts";
      if (p.never_first_choice) order += "; never the first choice: " + p.never_first_choice;
      result.recommended.push({ id: p.id, name: p.name, score: score, why: [order + "."].concat(f.why), tradeoffs: p.cons.slice(), partial: f.partial });
    });
    result.ruled_out.sort(function (a, b) { return cmp(a.id, b.id); });
    result.conflicts = result.recommended.length ? beyond(data, req) : conflicts(data, req, asked, verdicts);
    return result;
  }

  window.PatternAdvisorEngine = { recommend: recommend, fmt: fmt };
})();
