// Live updates for the race page: the countdown ticks, and the board follows each sync over /ws.
// The page works without this script; it only keeps what the server rendered up to date.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var board = document.getElementById("board");
  var countdown = document.getElementById("countdown");
  var updated = document.getElementById("updated");
  var money = new Intl.NumberFormat(lang, { style: "currency", currency: "USD" });

  // The countdown runs from the server's "seconds left", not the visitor's clock, which may be wrong.
  var endsAt = Date.now() + Number(countdown.dataset.secondsLeft) * 1000;
  function tick() {
    var left = Math.max(0, Math.floor((endsAt - Date.now()) / 1000));
    countdown.textContent = countdown.dataset.format
      .replace("{d}", Math.floor(left / 86400)).replace("{h}", Math.floor(left % 86400 / 3600))
      .replace("{m}", Math.floor(left % 3600 / 60)).replace("{s}", left % 60);
  }
  tick();
  setInterval(tick, 1000);

  function cell(row, text, className) {
    var td = row.insertCell();
    td.textContent = text;  // textContent, never innerHTML: names come from the upstream
    if (className) td.className = className;
    return td;
  }

  function renderRows(entries, withPrizes) {
    var body = document.createElement("tbody");
    entries.forEach(function (e) {
      var row = body.insertRow();
      row.dataset.uid = e.uid;
      row.className = (e.rank <= 3 ? "podium" : "") + (e.uid === board.dataset.me ? " me" : "");
      var rank = cell(row, String(e.rank));
      if (e.moved) {
        var arrow = document.createElement("span");
        arrow.className = e.moved > 0 ? "up" : "down";
        arrow.title = board.dataset.movedTitle;
        arrow.textContent = (e.moved > 0 ? "▲" : "▼") + Math.abs(e.moved);
        rank.append(" ", arrow);
      }
      cell(row, e.name);
      cell(row, money.format(Number(e.wagered)), "num");
      if (withPrizes) cell(row, e.prize ? money.format(Number(e.prize)) : "", "num");
    });
    if (!entries.length) {
      var empty = body.insertRow();
      empty.className = "empty";
      var td = cell(empty, board.dataset.empty);
      td.colSpan = withPrizes ? 4 : 3;
    }
    board.replaceChild(body, board.tBodies[0]);
  }

  function show(race) {
    endsAt = Date.now() + race.seconds_left * 1000;
    updated.textContent = updated.dataset.justNow;
    var period = board.dataset.period;
    if (period === "month") return renderRows(race.entries, true);
    fetch("/api/leaderboard?limit=25&period=" + encodeURIComponent(period))
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (b) { if (b) renderRows(b.entries, false); })
      .catch(function () {});
  }

  // The socket: a snapshot with a version, then one update per sync with the next version.
  var socket = null, version = null, attempt = 0, retry = null;
  function connect() {
    clearTimeout(retry);
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    socket.onopen = function () { attempt = 0; };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "update" && version !== null && message.version !== version + 1) {
        socket.send(JSON.stringify({ type: "resync" }));  // missed one: ask for the whole race again
        return;
      }
      version = message.version;
      show(message.race);
    };
    socket.onclose = function () {
      socket = null;
      version = null;
      // Exponential backoff with full jitter, capped, so a restart is not met by every client at once.
      var delay = Math.random() * Math.min(30000, 1000 * Math.pow(2, attempt++));
      retry = setTimeout(connect, delay);
    };
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "resync" }));
    else if (!socket) connect();  // back from the background: don't wait for the backoff
  });
  if ("WebSocket" in window) connect();
})();
