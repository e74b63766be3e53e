import HummingbirdTesting

extension TestService {
    /// Runs `body` with a copy of the service whose requests go over a connection of their own. The
    /// shared test client sends one request at a time on one connection, so requests that must run
    /// at the same time (a delete while another request waits on the model, concurrent writers)
    /// each need their own.
    func withOwnConnection<T: Sendable>(_ body: @escaping @Sendable (TestService) async throws -> T) async throws -> T {
        guard let port = client.port else { throw NotLive() }
        return try await TestClient.withClient(host: "127.0.0.1", port: port) { connection in
            var copy = self
            copy.connection = connection
            return try await body(copy)
        }
    }

    struct NotLive: Error {}
}
