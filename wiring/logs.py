"""Logging: one JSON object per line, with every secret redacted before it is written."""

from __future__ import annotations

import json
import logging
import math
import re
from datetime import UTC, datetime

from settings import Settings

# The attributes every LogRecord has; any other attribute came from `extra={...}`.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _extra_fields(record: logging.LogRecord) -> dict[str, object]:
    return {
        key: value for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES and not key.startswith("_")
    }


# Secrets learnt while running: the Goated tokens owners send with /token (models.tokens tells us each one).
_LEARNT: set[str] = set()
# Whatever follows /token in a text, and anything shaped like a JWT, whoever logs it.
_PATTERNS = (
    re.compile(r"(/token(?:@\w+)?\s+)\S+", re.IGNORECASE),
    re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"),
)


def redact_also(secret: str) -> None:
    """From now on, `secret` is redacted from every log line too (tokens set at run time)."""
    if secret and secret.lower() != "clear":
        _LEARNT.add(secret)


class RedactSecrets(logging.Filter):
    """Last line of defence: a secret that reaches a log line (say, inside a library's error text
    holding a Bot API URL) is replaced before it is written: in the message, the traceback and the
    string fields passed as `extra`."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]
        self._suspect_learnt = -1  # how many learnt secrets `_suspect` knows (they are only ever added)
        self._suspect: re.Pattern[str] | None = None

    def _suspects(self) -> re.Pattern[str]:
        """One search that finds anything `redact` would change (and some more): most lines hold nothing to
        redact, and this search is a fraction of the replacements' cost (the access log writes a line per request)."""
        if self._suspect is None or len(_LEARNT) != self._suspect_learnt:
            learnt = tuple(_LEARNT)  # once: a thread's log line may meet /token adding one meanwhile
            literals = [re.escape(secret) for secret in (*self.secrets, *learnt)]
            self._suspect = re.compile("|".join([*literals, "(?i:/token)", "eyJ"]))
            self._suspect_learnt = len(learnt)
        return self._suspect

    def redact(self, text: str) -> str:
        if not self._suspects().search(text):
            return text
        for secret in (*self.secrets, *_LEARNT):
            text = text.replace(secret, "***")
        text = _PATTERNS[0].sub(r"\1***", text)
        return _PATTERNS[1].sub("***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the format: the handler reports it, unformatted
            message = None
        if message is not None and (redacted := self.redact(message)) != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            # Formatters use `exc_text` when it is set, so the original traceback is never formatted again.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        for key, value in _extra_fields(record).items():
            if isinstance(value, str):
                setattr(record, key, self.redact(value))
        return True


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Every line is bounded, whatever a caller logs (an update's text, a path, a library's error holding a whole body):
# the message and each field are cut to these many characters, a traceback keeps its start and its end.
MAX_MESSAGE_CHARS = 4000
MAX_FIELD_CHARS = 1000
TRACEBACK_HEAD_CHARS, TRACEBACK_TAIL_CHARS = 4000, 12000


def bounded(text: str, limit: int, tail: int = 0) -> str:
    """`text`, or its first `limit` (and last `tail`) characters with a note of how many were left out."""
    if len(text) <= limit + tail:
        return text
    end = text[len(text) - tail :] if tail else ""
    return f"{text[:limit]}… [{len(text) - limit - tail} characters cut] …{end}"


_SHORT_INT = 10**100  # far shorter than MAX_FIELD_CHARS written out


def _bounded_field(value: object) -> object:
    if isinstance(value, str):
        return bounded(value, MAX_FIELD_CHARS)
    text = json.dumps(value, allow_nan=False)  # checked serialisable by the caller
    return value if len(text) <= MAX_FIELD_CHARS else bounded(text, MAX_FIELD_CHARS)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: `ts` (ISO-8601, UTC), `level`, `logger`, `message`, `exc` when there is a
    traceback, and every JSON-serialisable field passed as `extra={...}` (others are left out)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": bounded(record.getMessage(), MAX_MESSAGE_CHARS),
        }
        for key, value in _extra_fields(record).items():
            if key in entry:
                continue
            if isinstance(value, str):  # the usual fields, checked without a trial json.dumps each
                entry[key] = bounded(value, MAX_FIELD_CHARS)
                continue
            if value is None or type(value) is bool or (type(value) is int and -_SHORT_INT < value < _SHORT_INT):
                entry[key] = value
                continue
            if type(value) is float and math.isfinite(value):
                entry[key] = value
                continue
            try:
                json.dumps(value, allow_nan=False)
            except (TypeError, ValueError):
                continue
            entry[key] = _bounded_field(value)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = bounded(record.exc_text, TRACEBACK_HEAD_CHARS, TRACEBACK_TAIL_CHARS)
        if record.stack_info:
            entry["stack"] = bounded(self.formatStack(record.stack_info), TRACEBACK_HEAD_CHARS, TRACEBACK_TAIL_CHARS)
        line = json.dumps(entry, ensure_ascii=False)
        # A lone surrogate (from a name or a text) cannot be written as UTF-8: escaped, it is still one JSON line.
        return json.dumps(entry) if _LONE_SURROGATE.search(line) else line


def setup_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logging.basicConfig(level=settings.log_level, handlers=[handler])
    logging.captureWarnings(True)  # a library's warning becomes a JSON line ("py.warnings") too
    secrets = [
        s.get_secret_value()
        for s in (
            settings.bot_token,
            settings.goated_api_token,
            settings.webhook_secret,
            settings.metrics_token,
            settings.token_encryption_key,
        )
        if s
    ]
    for root_handler in logging.getLogger().handlers:
        root_handler.addFilter(RedactSecrets(secrets))
    # One line per request, from web.metrics.JsonAccessLogger, at INFO.
    logging.getLogger("aiohttp.access").setLevel(logging.NOTSET)
    # APScheduler's "Running job… / Job executed successfully" every 30 s would bury the lines that matter;
    # each sync writes its own line, and job failures (ERROR) still show.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if settings.bot_mode == "webhook":
        # web/webhook.py writes one line per update; aiogram's own "Update id=… is handled" would repeat it.
        # (Its error lines are still written; in polling mode its per-update line is the only one, so kept.)
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)
