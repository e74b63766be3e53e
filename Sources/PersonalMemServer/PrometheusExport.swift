import Metrics
import PersonalMem
import Prometheus

/// The process's Prometheus registry. swift-metrics is bootstrapped with it the first time it
/// is used, once per process (a second bootstrap would crash, and tests build many services).
public enum PrometheusExport {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[ServiceMetrics.retrievalDuration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        factory.durationHistogramBuckets[ServiceMetrics.modelCallDuration] = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
            .seconds(5), .seconds(10), .seconds(20), .seconds(30), .seconds(60), .seconds(120),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Bootstraps the metrics system if that has not happened yet.
    public static func bootstrap() {
        _ = registry
    }

    /// Every metric in the Prometheus text format.
    public static func render() -> String {
        registry.emitToString()
    }
}
