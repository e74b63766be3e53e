-- Background jobs (async extraction). A worker claims the oldest due job with
-- FOR UPDATE SKIP LOCKED, so several instances can share the table; a running job whose
-- updated_at (the worker's heartbeat) is older than the lease goes back to the queue.
CREATE TABLE jobs (
    id         bigserial PRIMARY KEY,
    kind       text NOT NULL,
    user_id    text NOT NULL,
    message_id bigint,
    status     text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts   integer NOT NULL DEFAULT 0,
    last_error text,
    result     jsonb,
    run_after  timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX jobs_due ON jobs (status, run_after);

CREATE INDEX jobs_by_user ON jobs (user_id);
