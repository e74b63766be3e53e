import Hummingbird

/// `GET /metrics`: every metric of this process in the Prometheus text format.
struct MetricsController<Context: RequestContext> {
    func register(on router: Router<Context>) {
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: PrometheusExport.render())))
        }
    }
}
