"""Browser journeys (Playwright on the system Chromium) with axe-core checks."""
