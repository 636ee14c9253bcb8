"""PunchPlay.tv: API client with token refresh, device-code login and logout, and the outbox sender."""
