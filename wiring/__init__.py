"""Composes the parts: the settings, the database, the bot, the web app and the scheduler on one loop."""
