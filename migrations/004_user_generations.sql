-- A user's generation: every DELETE /users/{id}/memories raises it, and every write about the user
-- locks it (FOR SHARE) in the write's own transaction first. A write that began before a delete
-- (an extraction waiting on the model, a chat answer in flight) finds its message gone or the
-- generation moved, and stores nothing. The row outlives the delete, so it is keyed by a SHA-256 of
-- the user id, never the id itself: no identifier of a deleted user stays in the database.
CREATE TABLE user_generations (
    user_key   bytea PRIMARY KEY,
    generation bigint NOT NULL DEFAULT 0
);
