// Live updates for the race page: the countdown ticks, "updated N minutes ago" ages, the board follows each
// sync over /ws, and the page follows its race through the end (live, finalising, finished, the next race).
// The page works without this script: it states the race's end and the last update as dates, and this script
// turns them into a countdown and an age. The page is the same for every visitor between syncs (the server keeps
// it as finished bytes), so it carries no "now": the socket's snapshot brings the server's clock.
(function () {
  "use strict";
  var root = document.documentElement;
  var lang = root.lang || "en";
  // Money as the server writes it for the page's language (models/money.py: es-UY, pt-BR).
  var money = new Intl.NumberFormat(root.dataset.moneyLocale || lang, { style: "currency", currency: "USD" });
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  function $(id) { return document.getElementById(id); }

  // Times are counted on the server's clock, never the visitor's, which may be wrong: `offset` is the server's
  // clock minus ours, from each socket message's "now" (0, the visitor's clock, until the first one arrives).
  var endsAt = 0, offset = 0, updatedAt = null, online = true, askedAt = 0;
  function readPage() {
    var countdown = $("countdown"), clock = $("clock"), updated = $("updated");
    if (countdown) {
      endsAt = Date.parse(countdown.getAttribute("datetime")) - offset;  // on our clock
      var label = clock.querySelector(".label");
      if (label && label.dataset.label) label.textContent = label.dataset.label;  // "Ends" becomes "Ends in"
      clock.hidden = false;
    }
    updatedAt = updated && updated.dataset.updatedAt ? Date.parse(updated.dataset.updatedAt) : null;
    var local = $("local-end");
    if (local) {
      var when = new Date(local.dataset.endsAt);
      local.textContent = "(" + local.dataset.label + ": " + new Intl.DateTimeFormat(lang, {
        dateStyle: "medium", timeStyle: "short" }).format(when) + ")";
    }
  }
  function state() { var hero = $("race"); return hero ? hero.dataset.state : ""; }

  function tick() {
    var countdown = $("countdown");
    if (countdown) {
      var left = Math.max(0, Math.floor((endsAt - Date.now()) / 1000));
      countdown.textContent = countdown.dataset.format
        .replace("{d}", Math.floor(left / 86400)).replace("{h}", Math.floor(left % 86400 / 3600))
        .replace("{m}", Math.floor(left % 3600 / 60)).replace("{s}", left % 60);
      if (state() === "live") {
        if (!left) raceOver();
        else if ($("over")) $("over").hidden = true;  // a wrong clock of ours, corrected by the server's
      }
    }
    age();
  }

  // The race's end as seen here: say so at once, then ask the server until it says what comes next.
  function raceOver() {
    var over = $("over");
    if (over) over.hidden = false;
    if (Date.now() - askedAt > 15000) { askedAt = Date.now(); resync(); }
  }

  function age() {
    var updated = $("updated");
    if (!updated || updatedAt === null) return;
    var minutes = Math.max(0, Math.floor((Date.now() + offset - updatedAt) / 60000));
    var text = updated.dataset.justNow;
    if (minutes > 0) {
      var form = plural && plural.select(minutes) === "one" ? updated.dataset.one : updated.dataset.other;
      text = form.replace("{n}", String(minutes));
    }
    if (updated.textContent.trim() !== text) updated.textContent = text;
  }

  function setOnline(value) {
    online = value;
    ["offline", "stale"].forEach(function (id) { var e = $(id); if (e) e.hidden = online; });
    var countdown = $("countdown");
    if (countdown) countdown.classList.toggle("is-stale", !online);
  }

  function cell(row, text, className) {
    var td = row.insertCell();
    td.textContent = text;  // textContent, never innerHTML: names come from the upstream
    if (className) td.className = className;
    return td;
  }
  function movedArrow(moved) {
    var arrow = document.createElement("span");
    arrow.className = moved > 0 ? "up" : "down";
    arrow.title = $("board").dataset.movedTitle;
    arrow.textContent = (moved > 0 ? "▲" : "▼") + Math.abs(moved);
    return arrow;
  }
  function amount(value) { return value ? money.format(Number(value)) : "—"; }

  function renderPodium(entries) {
    var podium = $("podium");
    if (!podium) return;
    Array.prototype.forEach.call(podium.children, function (li, i) {
      var e = entries[i];
      li.hidden = !e;
      if (!e) return;
      li.dataset.uid = e.uid;
      li.classList.toggle("me", e.uid === $("board").dataset.me);
      var name = li.querySelector(".name");
      name.textContent = e.name;
      name.title = e.name;
      var wagered = li.querySelector(".wagered");
      wagered.textContent = money.format(Number(e.wagered));
      if (e.moved) wagered.append(" ", movedArrow(e.moved));
      li.querySelector(".prize").textContent = amount(e.prize);
    });
  }

  function renderRows(entries, withPrizes) {
    var board = $("board");
    var from = Number(board.dataset.from || 1);
    var body = document.createElement("tbody");
    entries.forEach(function (e) {
      var row = body.insertRow();
      row.dataset.uid = e.uid;
      row.title = e.name;  // the full name, where the cell cuts it short
      row.hidden = e.rank < from;  // on the podium
      row.className = (e.rank <= 3 ? "podium" : "") + (e.uid === board.dataset.me ? " me" : "");
      var rank = cell(row, String(e.rank));
      if (e.moved) rank.append(" ", movedArrow(e.moved));
      cell(row, e.name);
      cell(row, money.format(Number(e.wagered)), "num");
      if (withPrizes) cell(row, amount(e.prize), "num");
    });
    if (!entries.length && board.dataset.empty) {
      var empty = body.insertRow();
      empty.className = "empty";
      cell(empty, board.dataset.empty).colSpan = withPrizes ? 4 : 3;
    }
    board.replaceChild(body, board.tBodies[0]);
  }

  // A new state or a new race: the server renders the page for it (its texts, its podium); swap it in.
  var swapping = false;
  function swapPage() {
    if (swapping) return;
    swapping = true;
    fetch(location.href, { headers: { Accept: "text/html" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("main");
        if (!fresh) return;
        $("main").replaceWith(document.adoptNode(fresh));
        readPage();
        setOnline(online);
        tick();
      })
      .catch(function () {})
      .then(function () { swapping = false; });
  }

  function show(race) {
    var hero = $("race"), board = $("board");
    if (race.now) offset = Date.parse(race.now) - Date.now();
    updatedAt = race.updated_at ? Date.parse(race.updated_at) : null;
    if (!hero || hero.dataset.month !== race.month || hero.dataset.state !== race.state) return swapPage();
    var countdown = $("countdown");
    if (race.state === "live") endsAt = Date.now() + race.seconds_left * 1000;
    else if (countdown) endsAt = Date.parse(countdown.getAttribute("datetime")) - offset;  // the next race's end
    age();
    if (!board) return;
    var period = board.dataset.period;
    if (period === "month") { renderPodium(race.entries); return renderRows(race.entries, true); }
    fetch("/api/leaderboard?limit=25&period=" + encodeURIComponent(period))
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (b) { if (b) renderRows(b.entries, false); })
      .catch(function () {});
  }

  // The socket: a snapshot with a version, then one update per sync with the next version.
  var socket = null, version = null, attempt = 0, retry = null;
  function resync() {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "resync" }));
  }
  function connect() {
    clearTimeout(retry);
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    socket.onopen = function () { attempt = 0; };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      setOnline(true);
      if (message.type === "update" && version !== null && message.version !== version + 1) {
        resync();  // missed one: ask for the whole race again
        return;
      }
      version = message.version;
      show(message.race);
    };
    socket.onclose = function () {
      socket = null;
      version = null;
      setOnline(false);
      // Exponential backoff with full jitter, capped, so a restart is not met by every client at once.
      var delay = Math.random() * Math.min(30000, 1000 * Math.pow(2, attempt++));
      retry = setTimeout(connect, delay);
    };
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    if (socket && socket.readyState === WebSocket.OPEN) resync();
    else if (!socket) connect();  // back from the background: don't wait for the backoff
  });

  readPage();
  tick();
  setInterval(tick, 1000);
  if ("WebSocket" in window) connect();
})();
