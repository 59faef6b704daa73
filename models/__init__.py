"""Tortoise models and the domain queries on them. Imports nothing of bot/, web/ or scheduler/."""
