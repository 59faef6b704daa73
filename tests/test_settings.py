"""Start-up configuration: bad values stop the process with exit status 2 and name the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from settings import load_settings
from tests.support import BOT_TOKEN, make_settings

ROOT = Path(__file__).resolve().parent.parent
# Our variables, cleared so the developer's own environment cannot change these tests.
_OURS = {"BOT_TOKEN", "WEBHOOK_BASE_URL", "WEBHOOK_SECRET", "DATABASE_URL", "PORT", "ADMIN_IDS", "GOATED_API_TOKEN"}


def start(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k.upper() not in _OURS}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py")],
        env={**clean, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env, variable, problem",
    [
        ({"PORT": "eighty"}, "PORT", "integer"),
        ({"PORT": "70000"}, "PORT", "less than or equal to 65535"),
        ({"WEBHOOK_BASE_URL": "https://bot.example.com"}, "WEBHOOK_SECRET", "required"),
        ({"WEBHOOK_BASE_URL": "https://bot.example.com", "WEBHOOK_SECRET": "has spaces!"}, "WEBHOOK_SECRET", "A-Z"),
        ({"ADMIN_IDS": "123,@olga"}, "ADMIN_IDS", "Telegram ids"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL", "sqlite:// or postgres://"),
        ({"BOT_TOKEN": "not-a-token-but-a-secret"}, "BOT_TOKEN", "bot token"),
        ({"SYNC_INTERVAL_SECONDS": "1"}, "SYNC_INTERVAL_SECONDS", "greater than or equal to 10"),
        ({"TELEGRAM_API_URL": "http://127.0.0.1:99999"}, "TELEGRAM_API_URL", "http:// or https:// URL"),
        ({"RACE_TIMEZONE": "Mars/Base"}, "RACE_TIMEZONE", "time zone"),
        ({"VIP_TIERS": "Gold:500,Silver:100"}, "VIP_TIERS", "increase"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(monkeypatch, capsys, env, variable, problem):
    for name in _OURS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stopped:
        load_settings(_env_file=None)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert variable in err and problem in err
    assert "not-a-token-but-a-secret" not in err  # secrets are never echoed


def test_the_real_process_exits_with_status_2(tmp_path):
    result = start({"PORT": "eighty", "BOT_TOKEN": "not-a-token-but-a-secret"}, tmp_path)
    assert result.returncode == 2
    assert "PORT" in result.stderr and "BOT_TOKEN" in result.stderr
    assert "not-a-token-but-a-secret" not in result.stderr + result.stdout


def test_defaults():
    settings = make_settings()
    assert settings.bot_mode == "off"
    assert settings.uses_demo_data and settings.is_sqlite
    assert (settings.host, settings.port, settings.sync_interval_seconds) == ("127.0.0.1", 8080, 900)
    assert settings.goated_api_url == "https://apis.goated.com/user"
    assert settings.telegram_api_url == "https://api.telegram.org"


def test_modes_and_lists():
    polling = make_settings(bot_token=BOT_TOKEN, admin_ids="1, 22 ,333")
    assert polling.bot_mode == "polling" and polling.admin_ids == {1, 22, 333}
    webhook = make_settings(bot_token=BOT_TOKEN, webhook_base_url="https://x.example/", webhook_secret="abc")
    assert webhook.bot_mode == "webhook" and webhook.webhook_url == "https://x.example/telegram/webhook"


def test_secrets_do_not_show_in_reprs():
    settings = make_settings(
        bot_token=BOT_TOKEN, goated_api_token="tok-123", webhook_secret="abc", webhook_base_url="https://x.example"
    )
    assert BOT_TOKEN not in repr(settings) and "tok-123" not in repr(settings)
