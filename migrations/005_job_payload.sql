-- What a job needs beyond its user and message, as JSON: a `record_turn` job (the bookkeeping of a
-- chat answer: summary, embedding, index, profile extraction) names the logged turn it indexes
-- (`conversation_id`, `turn_id`), the user's generation when the chat began and the summary cutoff.
-- Never message text: the turn itself stays in the user's conversation log.
-- storage_id: the STORAGE_DIR such a job's files live in; only an instance serving that storage
-- claims the job (NULL: any instance, as for extractions).
ALTER TABLE jobs ADD COLUMN payload jsonb, ADD COLUMN storage_id text;
