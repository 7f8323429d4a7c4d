// trackside follow: one car pinned at the top of the live page, remembered by this browser
// (localStorage, per event). Each row gets a star button at its end; the pinned copy follows
// the board as live.js updates it. Without JavaScript the board shows as it always did.
(() => {
  "use strict";
  const board = document.getElementById("board");
  const box = document.querySelector("[data-follow-box]");
  if (!board || !box) return;
  const key = `trackside.follow.${board.dataset.event}`;
  const pinned = box.querySelector("[data-follow-table]");
  const missing = box.querySelector("[data-follow-missing]");
  const title = box.querySelector("[data-follow-number]");

  function stored() {
    try { return localStorage.getItem(key); } catch { return null; }
  }

  function store(number) {
    try {
      if (number === null) localStorage.removeItem(key); else localStorage.setItem(key, number);
    } catch { /* storage refused (private mode): follow for this page only */ }
  }

  let followed = stored();

  function followCell(tr) {
    let cell = tr.querySelector(":scope > .follow-cell");
    if (!cell) {
      cell = document.createElement("td");
      cell.className = "follow-cell";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "follow-btn";
      cell.append(button);
      tr.append(cell);
    }
    return cell.firstElementChild;
  }

  function decorate() {
    for (const tr of board.tBodies[0].rows) {
      if (!tr.dataset.number) continue;
      const button = followCell(tr);
      const on = tr.dataset.number === followed;
      const label = `${on ? "Stop following" : "Follow"} car ${tr.dataset.number}`;
      if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
      if (button.getAttribute("aria-pressed") !== String(on)) button.setAttribute("aria-pressed", String(on));
      if (tr.classList.contains("followed-row") !== on) tr.classList.toggle("followed-row", on);
    }
  }

  function pin() {
    box.hidden = followed === null;
    if (followed === null) {
      pinned.replaceChildren();
      return;
    }
    title.textContent = followed;
    const row = document.getElementById(`car-${followed}`);
    missing.hidden = row !== null;
    const head = board.tHead.cloneNode(true);
    const body = document.createElement("tbody");
    if (row) {
      const copy = row.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.remove("changed", "followed-row");
      copy.hidden = false;
      body.append(copy);
    }
    pinned.replaceChildren(head, body);
  }

  function follow(number) {
    followed = number;
    store(number);
    decorate();
    pin();
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".follow-btn, [data-unfollow]");
    if (!button) return;
    const number = button.closest("tr")?.dataset.number ?? null;
    follow(button.matches("[data-unfollow]") || number === followed ? null : number);
  });

  new MutationObserver(() => {
    decorate();
    pin();
  }).observe(board.tBodies[0], { childList: true, subtree: true, characterData: true });
  const heading = document.createElement("th");
  heading.scope = "col";
  heading.className = "follow-cell";
  heading.innerHTML = '<span class="visually-hidden">Follow</span>';
  board.tHead.rows[0].append(heading);
  document.querySelectorAll("[data-follow-hint]").forEach((hint) => { hint.hidden = false; });
  decorate();
  pin();
})();
