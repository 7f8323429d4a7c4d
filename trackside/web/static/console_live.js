// trackside officials' console: keeps the timing stand and race control current over
// Server-Sent Events (docs/console.md, "Live"). Each message is the screen's whole document;
// rows are matched by key and rebuilt only when they changed, so a form being filled in a row
// that did not change is left alone. Without JavaScript the server-rendered page is the same.
(() => {
  "use strict";
  const live = document.querySelector("[data-console-stream]");
  if (!live || !window.EventSource) return;
  const stateEl = live.querySelector("[data-live-state]");
  let doc = null;
  let received = performance.now();
  let source = null;
  let ids = 0;

  const el = (tag, attrs = {}, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  const td = (text, cls) => el("td", cls ? { class: cls } : {}, text ?? "");
  const setState = (text) => { if (stateEl) stateEl.textContent = text; };

  // A copy of one of the page's <template> forms, its action and ids made for this row.
  function formFrom(templateId, fill) {
    const form = document.getElementById(templateId).content.firstElementChild.cloneNode(true);
    if (form.dataset.action) form.setAttribute("action", fill.action || form.dataset.action);
    const field = form.querySelector("select, input:not([type=hidden])");
    const label = form.querySelector("label");
    const id = `live-${templateId}-${++ids}`;
    if (field) field.id = id;
    if (label) label.htmlFor = id;
    for (const [name, value] of Object.entries(fill.fields || {})) {
      form.querySelector(`[name="${name}"]`).value = value;
    }
    return form;
  }

  // Put `items` in `tbody` as rows, keeping the row of a key whose signature is unchanged.
  function reconcile(tbody, items, keyOf, sigOf, build, empty, colspan) {
    const old = new Map([...tbody.rows].filter((tr) => tr.dataset.key).map((tr) => [tr.dataset.key, tr]));
    const rows = items.map((item) => {
      const key = String(keyOf(item));
      const sig = String(sigOf(item));
      let tr = old.get(key);
      if (!tr || tr.dataset.sig !== sig) {
        const fresh = build(item);
        if (tr || doc) fresh.classList.add("changed");
        tr = fresh;
        tr.dataset.key = key;
        tr.dataset.sig = sig;
      }
      return tr;
    });
    if (!rows.length) {
      const tr = el("tr");
      tr.append(el("td", { colspan: String(colspan), class: "empty" }, empty));
      rows.push(tr);
    }
    const same = rows.length === tbody.rows.length && rows.every((tr, i) => tbody.rows[i] === tr);
    if (!same) tbody.replaceChildren(...rows);
  }

  // --- the timing stand -------------------------------------------------------------------
  function passingRow(p) {
    const tr = el("tr", { "data-transponder": p.transponder });
    const car = el("td");
    if (p.number === null) {
      tr.className = "unknown-transponder";
      car.append(el("strong", {}, "unknown transponder"),
                 formFrom("assign-form", { fields: { transponder: p.transponder } }));
    } else {
      car.textContent = p.number;
      if (p.tech) {  // a car tech has not passed: a warning (docs/tech.md)
        tr.className = "tech-not-passed";
        tr.dataset.tech = p.tech;
        car.append(" ", el("strong", { class: "tech-warning" }, `tech ${p.tech}`));
      }
    }
    tr.append(td(p.time), td(p.transponder), car, td(p.loop));
    return tr;
  }

  function unknownRow(u) {
    const tr = el("tr", { class: "unknown-transponder", "data-transponder": u.transponder });
    const assign = el("td");
    assign.append(formFrom("assign-form", { fields: { transponder: u.transponder } }));
    tr.append(td(u.transponder), td(u.passings, "num"), td(u.first), td(u.last), assign);
    return tr;
  }

  function flagRow(f) {
    const tr = el("tr", { "data-flag-id": f.id });
    if (f.revoked) tr.className = "revoked";
    const revoke = el("td");
    if (f.revoked) {
      revoke.textContent = `revoked by #${f.revoked_by}`;
    } else {
      const form = formFrom("flag-revoke-form", {});
      form.setAttribute("action", form.dataset.action.replace("ID", f.id));
      revoke.append(form);
    }
    tr.append(td(f.state), td((f.time || "").split("T").pop()), td(f.author), revoke);
    return tr;
  }

  function renderTiming(d) {
    for (const s of d.sessions) {
      const box = document.querySelector(`[data-session="${CSS.escape(s.id)}"]`);
      if (!box) continue;
      const flag = box.querySelector("[data-field=flag]");
      flag.textContent = s.flag;
      flag.dataset.state = s.state;
      const table = box.querySelector("table.console-flags");
      if (table) {
        table.hidden = s.flags.length === 0;
        reconcile(table.tBodies[0], s.flags, (f) => f.id, (f) => f.revoked_by ?? "", flagRow, "", 4);
      }
    }
    const provisional = document.querySelector("[data-field=provisional]");
    if (provisional) provisional.textContent = d.provisional ? "provisional" : "official";
    const passings = document.getElementById("recent-passings");
    reconcile(passings.tBodies[0], d.passings, (p) => `${p.time_us}-${p.transponder}`,
              (p) => (p.number ?? "") + (p.tech ? `-${p.tech}` : ""), passingRow, "No passings yet.", 4);
    const unknown = document.getElementById("unknown-transponders");
    reconcile(unknown.tBodies[0], d.unknown, (u) => u.transponder, (u) => `${u.passings}|${u.last}`,
              unknownRow, "No unknown transponder.", 5);
  }

  function clockText(us) {
    const total = Math.max(0, Math.floor(us / 1e6));
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    const pad = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  }

  function dayTime(text, movedUs) {
    const [h, m, s] = text.split(":").map(Number);
    const total = (h * 3600 + m * 60 + s + Math.floor(movedUs / 1e6)) % 86400;
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  }

  // Between messages the clocks run at the rate track time has been moving (as live.js does).
  function tick() {
    if (!doc || !doc.sessions) return;
    const moved = (performance.now() - received) * 1000 * doc.rate;
    const track = document.querySelector("[data-track-time]");
    if (track) track.textContent = doc.track_time ? dayTime(doc.track_time, doc.ticking ? moved : 0) : "not running";
    for (const s of doc.sessions) {
      const box = document.querySelector(`[data-session="${CSS.escape(s.id)}"]`);
      if (!box) continue;
      const run = s.running ? moved : 0;
      const elapsed = box.querySelector("[data-field=elapsed]");
      if (elapsed) elapsed.textContent = clockText(s.green_elapsed_us + run);
      const remaining = box.querySelector("[data-field=remaining]");
      if (remaining && s.remaining_us !== null) remaining.textContent = clockText(s.remaining_us - run);
    }
  }

  // --- race control -----------------------------------------------------------------------
  function decisionRow(d) {
    const tr = el("tr", { "data-decision": d.id });
    if (d.revoked_by) tr.className = "revoked";
    const revoke = el("td");
    if (d.revoked_by) {
      revoke.textContent = `revoked by #${d.revoked_by}`;
    } else if (d.revocable) {
      const form = formFrom("decision-revoke-form", {});
      form.setAttribute("action", form.dataset.action.replace("ID", d.id));
      revoke.append(form);
    }
    tr.append(td(d.id), td(d.number), td(d.kind + (d.revokes ? ` #${d.revokes}` : "")),
              td(d.session), td(d.reason), td(d.author), td(d.escalation), revoke);
    return tr;
  }

  function standingRow(r) {
    const tr = el("tr", { "data-number": r.number });
    tr.append(td(r.position, "num"), td(r.number, "num"), td(r.driver), td(r.class),
              td(r.best, "time"), td(r.gap, "time"), td(r.laps, "num"));
    return tr;
  }

  function renderRaceControl(d) {
    const list = document.getElementById("decision-list");
    reconcile(list.tBodies[0], d.decisions, (x) => x.id,
              (x) => `${x.revoked_by ?? ""}|${x.escalation ?? ""}`, decisionRow, "No decisions yet.", 8);
    const heading = document.querySelector("[data-standings-session]");
    if (heading) heading.textContent = d.session_name || "no session";
    const standings = document.getElementById("standings-table").tBodies[0];
    const rows = d.standings.map(standingRow);
    if (!rows.length) {
      const tr = el("tr");
      tr.append(el("td", { colspan: "7", class: "empty" }, "No car in this session yet."));
      rows.push(tr);
    }
    standings.replaceChildren(...rows);
  }

  // --- the stream -------------------------------------------------------------------------
  function streamUrl() {
    const select = document.getElementById("d-session");
    const session = select && select.value ? select.value : live.dataset.session || "";
    return live.dataset.consoleStream + (session ? `?session=${encodeURIComponent(session)}` : "");
  }

  function connect() {
    if (source) source.close();
    source = new EventSource(streamUrl());
    const onDoc = (render) => (e) => {
      const next = JSON.parse(e.data);
      render(next);
      doc = next;
      received = performance.now();
      tick();
      setState("live");
    };
    source.addEventListener("timing", onDoc(renderTiming));
    source.addEventListener("race-control", onDoc(renderRaceControl));
    source.addEventListener("open", () => setState("live"));
    source.addEventListener("error", () => {
      setState(source.readyState === EventSource.CLOSED ? "stopped: reload the page" : "reconnecting");
    });
  }

  const select = document.getElementById("d-session");
  if (select) {
    select.addEventListener("change", () => {
      live.dataset.session = select.value;
      connect();
    });
  }
  live.hidden = false;
  setState("connecting");
  connect();
  setInterval(tick, 500);
})();
