-- When each API key last authenticated a request (issue 12: "API keys with their last-used time"), to the minute:
-- ApiKeys writes it at most once a minute per key, so a busy integration does not write a row per call.
ALTER TABLE api_key ADD COLUMN last_used_at TIMESTAMPTZ;
