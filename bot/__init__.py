"""The Telegram bot: aiogram routers (one module per feature), middlewares and wiring. Imports models only."""
