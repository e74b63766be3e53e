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
        guard attempts >= 1 else { throw ConfigurationError("JOB_MAX_ATTEMPTS must be 1 or more") }
        guard backoff >= 0 else { throw ConfigurationError("JOB_BACKOFF_MS must be 0 or more") }
        guard lease >= 1 else { throw ConfigurationError("JOB_LEASE_SECONDS must be 1 or more") }
        return JobRetryPolicy(maxAttempts: attempts, firstBackoff: .milliseconds(backoff), lease: .seconds(lease))
    }
}
