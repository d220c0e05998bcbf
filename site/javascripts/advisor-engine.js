// The advisor's engine in the browser: a port of advisor/advise/ (checks, engine, ranking, explain) over advisor-data.json,
// exported by the site build from rules.yaml and the catalog. Tests require JSON identical to `advisor recommend --json`
// on the scenario table and the property cases. The cost step needs the Python cost model: cost keys are noted, not used.
(function () {
  "use strict";
  var MEETS = "meets", WEAKER = "weaker", SETTING = "setting", QUOTA = "quota", FAILS = "fails";
  var TRAIT_KINDS = ["at-least", "required", "accepts", "includes", "includes-all", "not-above", "equals"];
  var FIT_WORDS = { setting: ["partial_setting", "needs a setting on the resource"], quota: ["partial_quota", "needs a quota increase"],
    weaker: ["weaker_match", "served by a pattern not built for it"] };  // keyed by SETTING, QUOTA, WEAKER
  var MOST_DIFFERENCES = 8, NEVER = "never the first choice", COMPARED = 10;
  var TIE = "same score, listed by id: the requirements given do not separate them; these differences decide it for your case";

  function fmt(v) {
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "number") {  // as advisor/humanize.py number(): 3 significant digits, no float noise
      if (Number.isInteger(v) || v === 0) return v.toLocaleString("en-US");
      var decimals = Math.min(9, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v)))));
      return v.toLocaleString("en-US", { maximumFractionDigits: decimals });
    }
    if (Array.isArray(v)) return v.length ? v.join(", ") : "none";
    return String(v);
  }

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function isPartial(s) { return s === SETTING || s === QUOTA; }

  function noNeed(q, required) {  // false, an empty list, or an answer listed in no_need
    return q.type === "boolean" ? required === false : q.type === "list" ? !required.length : (q.no_need || []).indexOf(required) >= 0;
  }

  function applies(q, workload) {
    return workload === undefined || q.applies_to === "all" || q.applies_to.indexOf(workload) >= 0;
  }

  function question(data, key) {
    for (var i = 0; i < data.questions.length; i++) if (data.questions[i].key === key) return data.questions[i];
    throw new Error("unknown requirement " + key);
  }

  // What the Python index calls a slot: the cell (decision inputs), the note and the cited limit.
  function slot(p, traitKey) {
    var trait = p.traits[traitKey];
    if (!trait) return { cell: null, note: "", cited: "" };
    var limit = null;
    for (var i = 0; i < p.limits.length; i++) if (p.limits[i].id === trait.limit) limit = p.limits[i];
    var cell = { value: trait.value, adjustable: false, ceiling: null, raised_by: null };
    var cited = "";
    if (limit) {
      cell.adjustable = !!limit.adjustable;
      cell.ceiling = limit.ceiling === undefined ? null : limit.ceiling;
      cell.raised_by = limit.adjustable ? (limit.raised_by || "quota-request") : null;
      cited = " (limit: " + limit.name + ", " + limit.source + ", as of " + limit.as_of + ")";
    }
    return { cell: cell, note: trait.note ? " " + trait.note : "", cited: cited };
  }

  // compile(q, required, decided) -> {key, trait, extra, status(main, extra), reason(status, main, extra)}
  function compile(q, required, decided, pointersData) {
    var rule = q.rule, label = q.label, kind = rule.kind, key = q.key;
    if (kind === "pointer") return pointerCheck(key, label, required, q.unit || "", decided, pointersData);
    if (kind === "workload") {
      return { key: key, workload: true,
        status: function (p) { return p.workloads.indexOf(required) >= 0 ? MEETS : FAILS; },
        reason: function (st, p) {
          return st === MEETS ? label + ": built for " + required : label + ": built for " + fmt(p.workloads) + ", not " + required;
        } };
    }
    var trait = rule.trait;
    if (noNeed(q, required)) {
      var answered = required === false ? "no" : fmt(required);
      return { key: key, trait: trait, status: function () { return MEETS; },
        reason: function (st, main) { return label + ": " + described(kind, rule, main.cell) + " (not needed: you answered " + answered + ")"; } };
    }
    if (kind === "equals") {
      var valueOf = function (cell) { return cell ? cell.value : rule["default"]; };
      return { key: key, trait: trait,
        status: function (main) { return valueOf(main.cell) === required ? MEETS : FAILS; },
        reason: function (st, main) {
          return st === MEETS ? label + ": " + valueOf(main.cell) : label + ": needs " + required + "; this pattern speaks " + valueOf(main.cell) + " only";
        } };
    }
    if (kind === "not-above") {
      var strict = decided.ordering === "strict" ? rule.strict_order_trait : undefined;
      return notAbove(key, trait, strict, required, label, q.unit || "");
    }
    if (kind === "at-least" && rule.strict_via && required === rule.order[rule.order.length - 1]) {
      return strictOrder(key, trait, rule, required, label);
    }
    var tc = traitCheck(kind, rule, required, label);
    var missing = label + ": needs " + fmt(required) + "; this pattern has no " + label + " to offer";
    return { key: key, trait: trait,
      status: function (main) { return main.cell === null ? FAILS : tc[0](main.cell); },
      reason: function (st, main) { return main.cell === null ? missing : tc[1](st, main.cell, main.note); } };
  }

  function pointerCheck(key, label, required, unit, decided, pointersData) {
    var shown = (fmt(required) + " " + unit).trim();
    var found = pointersData.filter(function (p) {
      return p.decisive && key in p.when && Object.keys(p.when).every(function (k) { return matches(p.when[k], decided[k]); });
    });
    if (found.length) {
      var failed = label + ": " + shown + " is beyond what this catalog's patterns promise; look at " + found[0].service;
      return { key: key, workload: true, status: function () { return FAILS; }, reason: function () { return failed; } };
    }
    var met = label + ": " + shown + " asked; the catalog's data states no figure to check it against";
    return { key: key, workload: true, status: function () { return MEETS; }, reason: function () { return met; } };
  }

  function described(kind, rule, cell) {
    if (kind === "equals") return String(cell ? cell.value : rule["default"]);
    if (cell === null) return "not offered";
    if (kind === "required") return cell.value ? "offered" : "not offered";
    if (kind === "includes" || kind === "includes-all") return "supports " + fmt(cell.value);
    return fmt(cell.value);
  }

  function traitCheck(kind, rule, required, label) {
    if (kind === "at-least") {
      var order = rule.order;
      return [function (cell) { return order.indexOf(cell.value) >= order.indexOf(required) ? MEETS : FAILS; },
        function (st, cell, note) { return st === MEETS ? label + ": " + cell.value + " (" + required + " needed)." + note : label + ": needs " + required + ", this pattern gives " + cell.value + "." + note; }];
    }
    if (kind === "required") {
      return [function (cell) { return cell.value ? MEETS : FAILS; },
        function (st, cell, note) { return st === MEETS ? label + ": offered (needed)." + note : label + ": needed, not offered." + note; }];
    }
    if (kind === "accepts") {
      var accepted = rule.accepts[required];
      return [function (cell) { return accepted.indexOf(cell.value) < 0 ? FAILS : cell.value === accepted[0] ? MEETS : WEAKER; },
        function (st, cell, note) {
        if (st === MEETS) return label + ": " + cell.value + " (" + required + " needed)." + note;
        if (st === WEAKER) return label + ": " + cell.value + ", which serves " + required + " work without being built for it." + note;
        return label + ": needs " + required + ", this pattern is " + cell.value + "." + note;
      }];
    }
    if (kind === "includes") {
      return [function (cell) { return cell.value.indexOf(required) >= 0 ? MEETS : FAILS; },
        function (st, cell, note) { return st === MEETS ? label + ": supports " + required + "." + note : label + ": needs " + required + ", this pattern supports " + fmt(cell.value) + "." + note; }];
    }
    if (kind === "includes-all") {
      var lacking = function (cell) { return required.filter(function (x) { return cell.value.indexOf(x) < 0; }); };
      return [function (cell) { return lacking(cell).length ? FAILS : MEETS; },
        function (st, cell, note) {
          return st === MEETS ? label + ": supports " + fmt(required) + "." + note : label + ": needs " + fmt(lacking(cell)) + ", not available." + note;
        }];
    }
    throw new Error("unknown rule kind " + kind);
  }

  function strictOrder(key, trait, rule, required, label) {
    return { key: key, trait: trait, extra: rule.strict_via,
      status: function (main, extra) { return (main.cell !== null && main.cell.value === required) || extra.cell !== null ? MEETS : FAILS; },
      reason: function (st, main, extra) {
        var value = main.cell ? main.cell.value : "none";
        if (main.cell !== null && main.cell.value === required) return label + ": " + value + " (" + required + " needed)." + main.note;
        if (extra.cell !== null) return label + ": " + value + " by default, " + required + " by configuration, at up to " + fmt(extra.cell.value) + " events/s" + extra.cited + "." + extra.note;
        return label + ": needs " + required + ", this pattern gives " + value + "." + main.note;
      } };
  }

  function notAbove(key, trait, strict, required, label, unit) {
    var shown = fmt(required);
    function decide(cell) {
      if (cell === null) return FAILS;
      if (cell.value === null || required <= cell.value) return MEETS;
      if (cell.adjustable && (cell.ceiling === null || required <= cell.ceiling)) return cell.raised_by === "resource-setting" ? SETTING : QUOTA;
      return FAILS;
    }
    function write(st, s, what) {
      var cell = s.cell;
      if (cell === null) return label + ": needs " + shown + " " + unit + "; this pattern has no " + label + " to offer";
      var value = cell.value;
      if (st === MEETS) {
        var bound = value === null ? "no documented limit" : "up to " + fmt(value) + " " + unit;
        return what + ": " + shown + " " + unit + " needed, " + bound + "." + s.note;
      }
      var upto = cell.ceiling === null ? "" : " up to " + fmt(cell.ceiling) + " " + unit;
      if (st === SETTING) return what + ": " + shown + " " + unit + " is above the default of " + fmt(value) + " " + unit + "; a setting on the resource raises it" + upto + s.cited + "." + s.note;
      if (st === QUOTA) return what + ": " + shown + " " + unit + " is above the default quota of " + fmt(value) + " " + unit + ", which AWS raises on request" + upto + s.cited + "." + s.note;
      if (cell.adjustable) return what + ": needs " + shown + " " + unit + ", the limit is " + fmt(value) + " " + unit + " and can be raised only to " + fmt(cell.ceiling) + " " + unit + s.cited + "." + s.note;
      return what + ": needs " + shown + " " + unit + ", the limit is " + fmt(value) + " " + unit + s.cited + "." + s.note;
    }
    if (strict === undefined) {
      return { key: key, trait: trait, status: function (main) { return decide(main.cell); },
        reason: function (st, main) { return write(st, main, label); } };
    }
    return { key: key, trait: trait, extra: strict,
      status: function (main, extra) { return decide(extra.cell !== null ? extra.cell : main.cell); },
      reason: function (st, main, extra) { return extra.cell !== null ? write(st, extra, label + " in strict order") : write(st, main, label); } };
  }

  function evaluate(patterns, checks) {
    return patterns.map(function (p) {
      var statuses = [], sentences = [];
      checks.forEach(function (c) {
        var main = c.workload ? p : slot(p, c.trait), extra = c.extra ? slot(p, c.extra) : null;
        var st = c.status(main, extra);
        statuses.push(st);
        sentences.push(function () { return c.reason(st, main, extra); });
      });
      return { p: p, statuses: statuses, sentences: sentences };
    });
  }

  function split(data, req) {
    var workload = req.workload, decided = {}, cost = {}, notes = [];
    Object.keys(req).forEach(function (key) {
      var q = question(data, key), value = req[key];
      if (!applies(q, workload)) { notes.push(key + " does not apply to " + workload + "; ignored"); return; }
      if (q.rule.kind === "cost" || q.rule.kind === "budget") cost[key] = value; else decided[key] = value;
      var caution = typeof value === "string" && q.cautions ? q.cautions[value] : undefined;
      if (caution) notes.push(key + "=" + value + ": " + caution);
    });
    if (Object.keys(cost).length) notes.push("cost: the cost model is not installed; monthly_events and monthly_budget_usd were not used");
    return [decided, cost, notes];
  }

  function excessLabels(data, p, decided, workload) {
    var out = [];
    data.questions.forEach(function (q) {
      if (!q.rank_excess || !applies(q, workload)) return;
      var trait = p.traits[q.rule.trait];
      if (!trait) return;
      var value = trait.value, required = decided[q.key];
      if (q.rule.kind === "at-least") {
        var order = q.rule.order;
        if (order.indexOf(value) > order.indexOf(required !== undefined ? required : order[0])) out.push(q.label + " " + value);
      } else if (value === true && required !== true) {
        out.push(q.label);
      }
    });
    return out;
  }

  function shownTrait(q, cell) {
    var kind = q.rule.kind;
    if (kind === "equals") return String(cell ? cell.value : q.rule["default"]);
    if (cell === null) return "not offered";
    if (kind === "required") return cell.value ? "offered" : "not offered";
    if (kind === "not-above") {
      if (cell.value === null) return "no documented limit";
      var text = (fmt(cell.value) + " " + (q.unit || "")).trim();
      if (cell.adjustable) {
        var how = cell.raised_by === "resource-setting" ? "by a setting on the resource" : "on request";
        text += " (raised " + how + (cell.ceiling === null ? "" : " up to " + fmt(cell.ceiling)) + ")";
      }
      return text;
    }
    return fmt(cell.value);
  }

  function endsWithFit(words) {
    return Object.keys(FIT_WORDS).some(function (k) { var w = FIT_WORDS[k][1]; return words.slice(-w.length) === w; });
  }

  function differences(data, a, b, decided, workload) {
    var out = [], aWords = a.items.map(function (x) { return x[1]; }), bWords = b.items.map(function (x) { return x[1]; });
    var movingParts = function (w) { return w.slice(-"moving parts".length) === "moving parts"; };
    var short = function (w) { return w.indexOf(NEVER) === 0 ? w.split(":")[0] : w; };
    b.items.forEach(function (x) { if (aWords.indexOf(x[1]) < 0 && !movingParts(x[1])) out.push(b.p.id + ": " + short(x[1])); });
    a.items.forEach(function (x) { if (bWords.indexOf(x[1]) < 0 && !movingParts(x[1])) out.push(a.p.id + ": " + short(x[1])); });
    var asked = data.questions.filter(function (q) { return q.key in decided; });
    var rest = data.questions.filter(function (q) { return !(q.key in decided) && applies(q, workload); });
    var seen = [];
    asked.concat(rest).forEach(function (q) {
      if (TRAIT_KINDS.indexOf(q.rule.kind) < 0 || seen.indexOf(q.rule.trait) >= 0) return;
      seen.push(q.rule.trait);
      var sa = shownTrait(q, slot(a.p, q.rule.trait).cell), sb = shownTrait(q, slot(b.p, q.rule.trait).cell);
      if (sa !== sb) out.push(q.label + ": " + sa + " vs " + sb);
    });
    if (a.p.moving_parts !== b.p.moving_parts) out.push("moving parts: " + a.p.moving_parts + " vs " + b.p.moving_parts);
    if (!out.length) out.push("equal on every trait the advisor compares; listed by id");
    return out.slice(0, MOST_DIFFERENCES);
  }

  function rank(data, fits, checks, decided) {
    var w = data.ranking, workload = decided.workload;
    var labels = checks.map(function (c) { return question(data, c.key).label; });
    var fitIds = fits.map(function (f) { return f.p.id; });
    fits.forEach(function (f) {
      var items = [];
      f.statuses.forEach(function (st, n) { if (FIT_WORDS[st]) items.push([w[FIT_WORDS[st][0]], labels[n] + " " + FIT_WORDS[st][1]]); });
      data.preferences.forEach(function (pref) {
        if (f.p.id === pref.over && fitIds.indexOf(pref.prefer) >= 0) items.push([w.not_preferred, "AWS prefers " + pref.prefer + " when both fit (" + pref.source + ")"]);
      });
      var more = excessLabels(data, f.p, decided, workload);
      if (more.length) items.push([w.extra_guarantee * more.length, "offers more than asked (" + more.join(", ") + "), which costs throughput, money or operations"]);
      items.push([w.moving_part * f.p.moving_parts, f.p.moving_parts + " moving parts"]);
      if (f.p.never_first_choice) items.push([w.never_first_choice, NEVER + ": " + f.p.never_first_choice]);
      f.items = items;
      f.score = Math.round(100 - items.reduce(function (s, x) { return s + x[0]; }, 0));
    });
    var order = fits.slice().sort(function (x, y) { return cmp(y.score, x.score) || cmp(x.p.id, y.p.id); });
    return order.map(function (f, n) {
      var fitted = f.items.some(function (x) { return endsWithFit(x[1]); });
      var parts = f.items.filter(function (x) { return x[0]; }).map(function (x) { return x[1] + " (-" + String(x[0]) + ")"; }).join("; ");
      var head = fitted ? "" : "meets every requirement in full; ";
      var next = order[n + 1], versus = null;
      var diffs = next && n < COMPARED ? (f.score === next.score ? [TIE] : []).concat(differences(data, f, next, decided, workload)) : null;
      if (diffs) versus = { id: next.p.id, score_difference: f.score - next.score, differences: diffs.slice(0, MOST_DIFFERENCES) };
      var why = [], partial = [];
      f.statuses.forEach(function (st, k) { (isPartial(st) ? partial : why).push(f.sentences[k]()); });
      return { f: f, summary: "Ranked " + (n + 1) + " of " + order.length + ", score " + f.score + ": " + head + parts + ".",
        versus: versus, why: why, partial: partial };
    });
  }

  function matches(cond, value) {
    if (cond !== null && typeof cond === "object" && !Array.isArray(cond)) {
      if (typeof value !== "number") return false;
      return Object.keys(cond).every(function (op) { return (op === "at_least" && value >= cond[op]) || (op === "below" && value < cond[op]); });
    }
    return value === cond;
  }

  function conditionText(key, cond) {
    if (cond !== null && typeof cond === "object") {
      var words = { at_least: ">=", below: "<" };
      return Object.keys(cond).map(function (op) { return key + " " + words[op] + " " + fmt(cond[op]); }).join(", ");
    }
    return key + "=" + fmt(cond);
  }

  function pointers(data, decided) {
    var out = [];
    data.beyond_catalog.forEach(function (ptr) {
      var keys = Object.keys(ptr.when);
      if (keys.every(function (k) { return matches(ptr.when[k], decided[k]); })) {
        var when = keys.map(function (k) { return conditionText(k, ptr.when[k]); }).join(", ");
        out.push(when + " is outside this catalog: look at " + ptr.service + ". " + ptr.why + " " + ptr.url);
      }
    });
    return out;
  }

  function conflicts(data, decided, checks, rows, out) {
    out = out.slice();
    var keys = checks.map(function (c) { return c.key; }), workload = decided.workload;
    var pool = rows.filter(function (r) { var n = keys.indexOf("workload"); return n < 0 || r.statuses[n] !== FAILS; });
    if (workload && !pool.length) return out.concat(["no pattern in the catalog is built for workload " + workload]);
    var asked = keys.filter(function (k) { return k !== "workload"; }), ok = {};
    asked.forEach(function (k) {
      var n = keys.indexOf(k);
      ok[k] = pool.filter(function (r) { return r.statuses[n] !== FAILS; }).map(function (r) { return r.p.id; });
    });
    var pointed = {};
    data.beyond_catalog.forEach(function (p) { Object.keys(p.when).forEach(function (k) { pointed[k] = true; }); });
    asked.forEach(function (k) {
      if (!ok[k].length && !(out.length && pointed[k])) {
        out.push((k + "=" + fmt(decided[k]) + ": no " + (workload || "") + " pattern in the catalog meets it; relax it").replace("  ", " "));
      }
    });
    var rest = asked.filter(function (k) { return ok[k].length; });
    for (var i = 0; i < rest.length; i++) {
      for (var j = i + 1; j < rest.length; j++) {
        var a = rest[i], b = rest[j];
        if (!ok[a].some(function (id) { return ok[b].indexOf(id) >= 0; })) {
          out.push(a + "=" + fmt(decided[a]) + " conflicts with " + b + "=" + fmt(decided[b]) + ": the patterns that meet the first (" +
            ok[a].slice().sort().join(", ") + ") cannot meet the second; relax one of them");
        }
      }
    }
    if (!out.length) out.push("no single pattern meets all of these requirements together; relax the one you can most easily change");
    return out;
  }

  function recommend(data, req) {
    var parts = split(data, req), decided = parts[0];
    var result = { requirements: req, notes: parts[2], recommended: [], compositions: [], ruled_out: [], conflicts: [] };
    var checks = Object.keys(decided).map(function (k) { return compile(question(data, k), decided[k], decided, data.beyond_catalog); });
    var rows = evaluate(data.patterns, checks), fits = [];
    rows.forEach(function (r) {
      if (r.statuses.indexOf(FAILS) >= 0) {
        var reasons = [];
        r.statuses.forEach(function (st, n) { if (st === FAILS) reasons.push(r.sentences[n]()); });
        result.ruled_out.push({ id: r.p.id, name: r.p.name, reasons: reasons });
      } else {
        fits.push(r);
      }
    });
    rank(data, fits, checks, decided).forEach(function (e) {
      result.recommended.push({ id: e.f.p.id, name: e.f.p.name, score: e.f.score, why: [e.summary].concat(e.why),
        tradeoffs: e.f.p.cons.slice(), partial: e.partial, monthly_usd: null, versus_next: e.versus });
    });
    result.ruled_out.sort(function (a, b) { return cmp(a.id, b.id); });
    result.conflicts = pointers(data, decided);
    if (!result.recommended.length) {
      result.conflicts = conflicts(data, decided, checks, rows, result.conflicts);
      if (checks.length) {
        var composed = evaluate(data.composed, checks).filter(function (r) { return r.statuses.indexOf(FAILS) < 0; });
        rank(data, composed, checks, decided).forEach(function (e) {
          var p = e.f.p;
          result.compositions.push({ id: p.id, name: p.name, parts: p.parts, solves: p.solves, source: p.source,
            score: e.f.score, why: [e.summary].concat(e.why), partial: e.partial });
        });
      }
    }
    return result;
  }

  window.PatternAdvisorEngine = { recommend: recommend, fmt: fmt };
})();
