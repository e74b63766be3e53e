import Logging
import PersonalMem
import PostgresNIO
import ServiceLifecycle

/// Keeps the profile cache true when other instances write: listens for the change channel
/// and drops the named user's cached copy when it is older than the change (``ProfileChangeNotice``;
/// this instance's own notices find its copy already current). While not listening (start, lost connection) no
/// notification can be trusted, so the whole cache is dropped on every (re)connect.
struct ProfileChangeListener: Service {
    let client: PostgresClient
    let cache: ProfileCache
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: PostgresProfileRepository.changeChannel) { notifications in
                            cache.invalidateAll()
                            for try await notification in notifications {
                                cache.invalidate(ProfileChangeNotice(payload: notification.payload))
                            }
                        }
                    }
                } catch {
                    if Task.isCancelled { return }
                    cache.invalidateAll()
                    logger.warning("profile change listener lost its connection; retrying", metadata: ["error": "\(type(of: error))"])
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }
}

/// A short name for service lifecycle's logs (see `JobWorker.description`).
extension ProfileChangeListener: CustomStringConvertible {
    var description: String { "ProfileChangeListener" }
}
