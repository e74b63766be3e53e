-- Profiles: one JSON document per user, versioned from a global sequence so that a cached copy
-- can tell old from new even across a delete and re-create.
CREATE SEQUENCE profile_versions;

CREATE TABLE users (
    user_id    text PRIMARY KEY,
    profile    jsonb NOT NULL DEFAULT '{}'::jsonb,
    version    bigint NOT NULL DEFAULT nextval('profile_versions'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every message is stored before extraction, so a failed extraction loses nothing.
CREATE TABLE messages (
    id              bigserial PRIMARY KEY,
    user_id         text NOT NULL,
    conversation_id text,
    body            text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'extracted', 'failed')),
    extractor       text,
    error           text,
    attempts        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    extracted_at    timestamptz
);

CREATE INDEX messages_by_user ON messages (user_id, id);

CREATE INDEX messages_not_extracted ON messages (id) WHERE status <> 'extracted';

-- One row per change to a profile field, oldest first by id.
CREATE TABLE profile_history (
    id         bigserial PRIMARY KEY,
    user_id    text NOT NULL,
    field      text NOT NULL,
    event      text NOT NULL CHECK (event IN ('ADD', 'UPDATE', 'DELETE')),
    value      jsonb,
    old_value  jsonb,
    new_value  jsonb,
    source     text NOT NULL,
    extractor  text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX profile_history_by_user ON profile_history (user_id, id);
