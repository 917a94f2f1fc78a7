-- Channels that asked for a short post whenever a new briefing is published. Deliveries share the ledger:
-- period 'briefing:<id>' is claimed, posted and marked sent exactly like a digest day.
CREATE TABLE alert_channels (
  platform   TEXT NOT NULL,
  channel    TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (platform, channel)
);
