import PersonalMem

extension ServiceConfiguration {
    /// Background workers per instance (`JOB_WORKERS`); 0 runs none (jobs wait for another instance).
    public func jobWorkers() throws -> Int {
        let workers = try integer("JOB_WORKERS")
        guard workers >= 0 else { throw ConfigurationError("JOB_WORKERS must be 0 or more") }
        return workers
    }

    /// Retries, backoff and lease of background jobs.
    public func jobRetryPolicy() throws -> JobRetryPolicy {
        let attempts = try integer("JOB_MAX_ATTEMPTS")
        let backoff = try integer("JOB_BACKOFF_MS")
        let lease = try integer("JOB_LEASE_SECONDS")
        guard (1...1000).contains(attempts) else { throw ConfigurationError("JOB_MAX_ATTEMPTS must be from 1 to 1000") }
        guard (0...3_600_000).contains(backoff) else { throw ConfigurationError("JOB_BACKOFF_MS must be from 0 to 3600000") }
        guard (1...86_400).contains(lease) else { throw ConfigurationError("JOB_LEASE_SECONDS must be from 1 to 86400") }
        return JobRetryPolicy(maxAttempts: attempts, firstBackoff: .milliseconds(backoff), lease: .seconds(lease))
    }
}
