"""Scheduled jobs, the Goated API client and the demo data source. Imports models only."""
