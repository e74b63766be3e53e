import Foundation
import Hummingbird
import Logging
import PersonalMem
import Testing

@testable import PersonalMemServer

@Suite("The OpenAPI document matches the routes")
struct OpenAPIDocumentTests {
    /// `METHOD /path/{param}` for every operation in frontend/openapi.json.
    func documentedOperations() throws -> Set<String> {
        let url = TestService.repositoryRoot.appendingPathComponent("frontend/openapi.json")
        let document = try #require(try JSONValue.parse(Data(contentsOf: url)).objectValue)
        let paths = try #require(document["paths"]?.objectValue, "openapi.json has no paths")
        #expect(document["openapi"]?.stringValue?.hasPrefix("3.1") == true)
        var operations = Set<String>()
        for (path, item) in paths {
            for method in item.objectValue?.keys ?? [:].keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    @Test("every route the server registers is documented, and every documented route exists")
    func routesMatch() async throws {
        var values = ServiceConfiguration(environment: [:]).values
        values["DATABASE_URL"] = "postgres://postgres@127.0.0.1:1/unused"
        let parts = try await ServiceParts(configuration: ServiceConfiguration(environment: [:], overrides: values), logger: Logger(label: "openapi-test"))
        let router = try buildRouter(parts)
        let registered = Set(router.routes.map { route -> String in
            let path = route.path.description.split(separator: "/").map { component in
                component.hasPrefix(":") ? "{\(component.dropFirst())}" : String(component)
            }
            return "\(route.method.rawValue) /\(path.joined(separator: "/"))"
        })
        // Served from frontend/ by the file middleware rather than by a route.
        let staticFiles: Set<String> = ["GET /", "GET /openapi.json"]
        let documented = try documentedOperations()
        #expect(registered.subtracting(documented).sorted() == [], "routes missing from openapi.json")
        #expect(documented.subtracting(registered).subtracting(staticFiles).sorted() == [], "documented operations with no route")
    }
}
