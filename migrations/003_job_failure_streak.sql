-- How many attempts of a job in a row ended with the same error (last_error). A job whose input
-- fails the same way three times (an unreadable model reply, a worker that died on it) is marked
-- failed, so a poison job cannot keep a worker, or a crash-looping instance, busy.
ALTER TABLE jobs ADD COLUMN failure_streak integer NOT NULL DEFAULT 0;
