"""Local servers that speak the real wire formats of Telegram's Bot API and Goated's affiliate API."""
