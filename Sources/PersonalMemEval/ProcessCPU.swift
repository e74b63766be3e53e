#if canImport(Glibc)
import Glibc
#endif

/// CPU time of the whole process so far (user and system, all threads), for benchmarks that report
/// CPU per operation beside wall time.
public enum ProcessCPU {
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
