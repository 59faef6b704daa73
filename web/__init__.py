"""The aiohttp app: the public page, the JSON API, health and the Telegram webhook route. Imports models only."""
