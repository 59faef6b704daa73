"""The process's Prometheus metrics, defined once on prometheus_client's default registry.

Served at GET /metrics (web/metrics.py). Every label takes values from a small, fixed set: a route's path
template (never the raw path), an HTTP method and status, an outcome. The outcome labels are created up front,
so a series exists at 0 before its first event and `rate()` / `increase()` work from the start.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

# --- the web app (web/metrics.py's middleware) ---

http_requests_total = Counter(
    "http_requests_total",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
http_request_duration_seconds = Histogram(
    "http_request_duration_seconds",
    "Time to answer an HTTP request (WebSocket sessions excluded), by route template.",
    ["route"],
)
websocket_connections = Gauge("websocket_connections", "WebSocket connections open now.")

# --- the bot ---

UPDATE_OUTCOMES = ("handled", "failed")
telegram_updates_total = Counter(
    "telegram_updates_total",
    "Telegram updates processed through the webhook, by outcome.",
    ["outcome"],
)
telegram_update_duration_seconds = Histogram(
    "telegram_update_duration_seconds",
    "Time to process one Telegram update through the webhook.",
)

MESSAGE_OUTCOMES = ("sent", "failed", "retried", "blocked")
telegram_messages_total = Counter(
    "telegram_messages_total",
    "Messages the bot started (through the sender), by outcome; `retried` counts attempts that were retried.",
    ["outcome"],
)

# --- the sync job ---

SYNC_OUTCOMES = ("ok", "failed", "rejected")
sync_runs_total = Counter("sync_runs_total", "Finished sync runs, by outcome.", ["outcome"])
sync_duration_seconds = Histogram(
    "sync_duration_seconds",
    "Duration of a finished sync run (the upstream alone takes 8-14 s).",
    buckets=(0.5, 1, 2.5, 5, 10, 15, 20, 30, 45, 60, 120, 300, float("inf")),
)

for _outcome in UPDATE_OUTCOMES:
    telegram_updates_total.labels(_outcome)
for _outcome in MESSAGE_OUTCOMES:
    telegram_messages_total.labels(_outcome)
for _outcome in SYNC_OUTCOMES:
    sync_runs_total.labels(_outcome)
del _outcome
