// The pit lane screen kept current (docs/console.md, "Pit lane"): every update on the race's
// live stream (Server-Sent Events) re-reads the race board's JSON and rewrites each car card's
// driver, stint, position and in-pit mark, and the cars the loops see in the pit lane. The
// forms are left alone: what an official is typing stays.
(() => {
  const lane = document.querySelector("[data-live-board]");
  if (!lane || !window.EventSource || !window.fetch) return;
  let busy = false;
  let again = false;

  function set(card, field, text) {
    const cell = card.querySelector(`[data-field="${field}"]`);
    if (cell && cell.textContent !== text) cell.textContent = text;
  }

  function showInPit(numbers) {
    const list = document.getElementById("in-pit-loops");
    if (!list) return;
    list.replaceChildren(...numbers.flatMap((number, i) => {
      const link = document.createElement("a");
      link.href = `#car-${number}`;
      link.textContent = number;
      return i ? [", ", link] : [link];
    }));
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const board = await (await fetch(lane.dataset.liveBoard, { cache: "no-store" })).json();
      const inPit = [];
      for (const row of board.rows || []) {
        const card = document.querySelector(`.pit-car[data-car="${CSS.escape(row.number)}"]`);
        if (!card) continue;
        set(card, "driver", row.driver || "");
        set(card, "stint", row.stint || "");
        set(card, "position", row.position ? `P${row.position}` : "no position");
        const badge = card.querySelector("[data-field=in-pit]");
        if (badge && !card.hasAttribute("data-pending")) badge.hidden = !row.in_pit;
        if (row.in_pit) inPit.push(row.number);
      }
      showInPit(inPit);
    } catch (error) {
      // the next update tries again
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  const source = new EventSource(lane.dataset.liveStream);
  source.addEventListener("board", refresh);
  source.addEventListener("patch", refresh);
})();
