-- Digest subscriptions, one per channel, and the delivery ledger: one row per (platform, channel, local day).
CREATE TABLE subscriptions (
  platform       TEXT NOT NULL,
  channel        TEXT NOT NULL,
  workspace      TEXT,
  time           TEXT NOT NULL,               -- HH:MM, local to zone
  zone           TEXT NOT NULL,               -- IANA time zone
  announce_empty INTEGER NOT NULL DEFAULT 0,  -- post "no new coverage" instead of skipping
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,               -- ISO instant
  failures       INTEGER NOT NULL DEFAULT 0,  -- consecutive failed deliveries
  paused_reason  TEXT,                        -- set when deliveries keep failing
  PRIMARY KEY (platform, channel)
);

CREATE TABLE deliveries (
  platform   TEXT NOT NULL,
  channel    TEXT NOT NULL,
  period     TEXT NOT NULL,                   -- the subscription's local day, YYYY-MM-DD
  state      TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'skipped', 'failed', 'missed')),
  message_id TEXT,
  error      TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (platform, channel, period)
);

CREATE INDEX deliveries_recent ON deliveries (platform, channel, state, period);
