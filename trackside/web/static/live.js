// trackside live timing: keeps the server-rendered board current over Server-Sent Events.
// Without JavaScript the page still shows the board and reloads itself (progressive enhancement).
(() => {
  "use strict";
  const table = document.getElementById("board");
  if (!table || !window.EventSource) return;
  const body = table.tBodies[0];
  const announcer = document.getElementById("announcer");
  const state = document.querySelector("[data-live-state]");
  const clockEl = document.querySelector("[data-board=clock]");
  let board = null;
  let received = performance.now();
  let source = null;

  const el = (tag, attrs = {}, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function lapNodes(lap, bestLap) {
    if (!lap) return [];
    if (!lap.valid) {
      return [el("del", {}, lap.time), document.createTextNode(" "),
              el("span", { class: "reason" }, lap.reason)];
    }
    if (lap.lap === bestLap) {
      return [el("strong", {}, lap.time), el("span", { class: "mark", "aria-hidden": "true" }, "★"),
              el("span", { class: "visually-hidden" }, " best lap")];
    }
    return [document.createTextNode(lap.time)];
  }

  const FIELDS = {
    position: (r) => [text(r.position)],
    class_position: (r) => [text(r.class_position)],
    number: (r) => [text(r.number)],
    driver: (r) => {
      const out = [text(r.driver)];
      if (r.in_pit) out.push(document.createTextNode(" "), el("span", { class: "pit" }, "PIT"));
      if (r.stint) out.push(document.createTextNode(" "), el("span", { class: "stint" }, `stint ${r.stint}`));
      if (r.team) out.push(document.createTextNode(" "), el("span", { class: "team" }, r.team));
      return out;
    },
    class: (r) => [text(r.class)],
    best: (r) => [text(r.best || r.status_label || "—")],
    gap: (r) => [text(r.gap)],
    interval: (r) => [text(r.interval)],
    last: (r) => lapNodes(r.last, r.best_lap),
    previous: (r) => r.previous.map((lap) => {
      const span = el("span", { class: "prev" });
      span.append(...lapNodes(lap, r.best_lap));
      return span;
    }),
    laps: (r) => {
      const out = [text(r.laps)];
      if (r.valid_laps !== r.laps) {
        out.push(document.createTextNode(" "), el("span", { class: "valid-count" }, `(${r.valid_laps} valid)`));
      }
      return out;
    },
  };
  const DEPENDS = { last: ["best_lap"], previous: ["best_lap"], laps: ["valid_laps"],
                    best: ["status_label"], driver: ["in_pit", "stint", "team"] };
  const text = (v) => document.createTextNode(v === null || v === undefined ? "" : String(v));

  function rowFor(number) {
    let tr = document.getElementById(`car-${number}`);
    if (tr) return tr;
    tr = el("tr", { id: `car-${number}`, "data-number": number });
    const template = table.tHead.rows[0].cells;
    Object.keys(FIELDS).forEach((field, i) => {
      const cell = el(field === "driver" ? "th" : "td", { "data-field": field });
      if (field === "driver") cell.setAttribute("scope", "row");
      cell.className = fieldClass(field, template[i]);
      tr.append(cell);
    });
    return tr;
  }

  function fieldClass(field, header) {
    const base = header ? header.className : "";
    const extra = { position: " pos", number: " car", best: " best", last: " lap-cell",
                    previous: " lap-cell" }[field] || "";
    return (base + extra).trim();
  }

  function fill(tr, row, changed) {
    for (const field of Object.keys(FIELDS)) {
      const touched = changed.includes(field) || (DEPENDS[field] || []).some((f) => changed.includes(f));
      if (!touched) continue;
      const cell = tr.querySelector(`[data-field="${field}"]`);
      cell.replaceChildren(...FIELDS[field](row));
    }
    tr.classList.toggle("unranked", row.position === null);
  }

  function flash(tr) {
    tr.classList.remove("changed");
    void tr.offsetWidth;  // restart the animation
    tr.classList.add("changed");
  }

  function renderBoard(doc) {
    const leader = board && board.rows[0] && board.session === doc.session ? board.rows[0].number : null;
    board = doc;
    body.replaceChildren(...doc.rows.map((row) => {
      const tr = rowFor(row.number);
      fill(tr, row, Object.keys(row));
      return tr;
    }));
    renderHeader(doc, Object.keys(doc));
    table.dataset.version = doc.version;
    if (leader !== null) announceLeader(leader);
  }

  function applyPatch(patch) {
    if (!board || patch.base !== board.version) return false;
    const leader = board.rows[0] ? board.rows[0].number : null;
    const rows = new Map(board.rows.map((r) => [r.number, r]));
    for (const number of patch.removed || []) {
      rows.delete(number);
      const tr = document.getElementById(`car-${number}`);
      if (tr) tr.remove();
    }
    for (const [number, fields] of Object.entries(patch.rows || {})) {
      const row = { ...(rows.get(number) || {}), ...fields };
      rows.set(number, row);
      const tr = rowFor(number);
      fill(tr, row, Object.keys(fields));
      if ("laps" in fields || "best" in fields || "position" in fields) flash(tr);
    }
    const order = patch.order || board.rows.map((r) => r.number);
    board = { ...board, ...patch, rows: order.map((n) => rows.get(n)) };
    delete board.base;
    order.forEach((number) => body.append(document.getElementById(`car-${number}`)));
    renderHeader(board, Object.keys(patch));
    table.dataset.version = board.version;
    announceLeader(leader);
    return true;
  }

  // A run session's lists (on course, last finishers): re-rendered whole when they change.
  function runRow(cells) {
    const tr = el("tr");
    cells.forEach((cell, i) => tr.append(cell(i)));
    return tr;
  }

  const carCells = (r) => [
    () => el("td", { class: "num car" }, r.number),
    () => el("th", { scope: "row" }, r.driver),
    () => el("td", { class: "num" }, r.run === null ? "" : String(r.run)),
  ];

  function finisherTime(r) {
    const td = el("td", { class: "time lap-cell" });
    if (!r.valid) {
      td.append(el("del", {}, r.time), document.createTextNode(" "), el("span", { class: "reason" }, r.reason));
    } else if (r.best) {
      td.append(el("strong", {}, r.time), el("span", { class: "mark", "aria-hidden": "true" }, "★"),
                el("span", { class: "visually-hidden" }, " best run"));
    } else {
      td.append(document.createTextNode(r.time));
    }
    if (r.cones) {
      td.append(document.createTextNode(" "),
                el("span", { class: "cones" }, `(+${r.cones} cone${r.cones === 1 ? "" : "s"})`));
    }
    return td;
  }

  const RUN_LISTS = {
    on_course: { empty: "No car on course.",
                 row: (r) => [...carCells(r), () => el("td", { class: "time" }, r.start)] },
    last_finishers: { empty: "No run finished yet.",
                      row: (r) => [...carCells(r), () => finisherTime(r)] },
  };

  function renderRuns(doc, keys) {
    for (const [key, list] of Object.entries(RUN_LISTS)) {
      const tbody = document.querySelector(`[data-runs=${key}]`);
      if (!tbody || !keys.includes(key) || !doc[key]) continue;
      const rows = doc[key].map((r) => {
        const tr = runRow(list.row(r));
        tr.dataset.number = r.number;
        return tr;
      });
      if (!rows.length) {
        const tr = el("tr", { class: "none" });
        tr.append(el("td", { colspan: "4" }, list.empty));
        rows.push(tr);
      }
      tbody.replaceChildren(...rows);
    }
  }

  function renderHeader(doc, keys) {
    renderRuns(doc, keys);
    if (keys.includes("session_name")) {
      document.querySelectorAll("[data-board=session_name]").forEach((n) => { n.textContent = doc.session_name; });
    }
    if (keys.includes("flag")) {
      const flag = document.querySelector("[data-board=flag]");
      const before = flag.querySelector(".flag-label").textContent;
      flag.className = `flag flag-${doc.flag.state || "none"}`;
      flag.querySelector(".flag-label").textContent = doc.flag.label;
      if (before !== doc.flag.label) announce(doc.flag.label);
    }
    if (keys.includes("clock")) {
      received = performance.now();
      tick();
    }
    const empty = document.querySelector("[data-board=empty]");
    if (empty) empty.hidden = doc.rows.length > 0;
  }

  function announceLeader(before) {
    const first = board.rows[0];
    if (first && first.position === 1 && first.number !== before) {
      announce(`New leader: car ${first.number}, ${first.driver}, ${first.best}`);
    }
  }

  function announce(message) {
    if (announcer) announcer.textContent = message;
  }

  function clockText(us) {
    const total = Math.max(0, Math.floor(us / 1e6));
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    const pad = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  }

  function tick() {
    if (!board || !clockEl) return;
    const c = board.clock;
    const moved = c.running ? (performance.now() - received) * 1000 * c.rate : 0;
    const elapsed = c.green_elapsed_us + moved;
    const elapsedEl = clockEl.querySelector("[data-clock=elapsed]");
    if (elapsedEl) elapsedEl.textContent = clockText(elapsed);
    let remaining = clockEl.querySelector("[data-clock=remaining]");
    if (c.duration_us !== null) {
      if (!remaining) {
        const part = el("span", { class: "clock-part" }, "Remaining ");
        remaining = el("time", { "data-clock": "remaining" });
        part.append(remaining);
        clockEl.append(part);
      }
      remaining.textContent = clockText(c.duration_us - elapsed);
    }
  }

  function setState(text) {
    if (state) state.textContent = text;
  }

  function connect() {
    if (source) source.close();
    source = new EventSource(table.dataset.stream);
    source.addEventListener("board", (e) => {
      renderBoard(JSON.parse(e.data));
      setState("Live");
    });
    source.addEventListener("patch", (e) => {
      if (!applyPatch(JSON.parse(e.data))) connect();  // missed an update: start again
    });
    source.addEventListener("open", () => setState("Live"));
    source.addEventListener("error", () => setState("Reconnecting…"));
  }

  const select = document.getElementById("class-filter");
  if (select) select.addEventListener("change", () => select.form.submit());
  setState("Connecting…");
  connect();
  setInterval(tick, 250);
})();
