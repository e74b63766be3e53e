#include "CFaissShim.h"
#include "index.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/index_io.h>
#include <faiss/utils/Heap.h>
#include <faiss/utils/distances.h>

#include <omp.h>

#include <atomic>
#include <exception>
#include <memory>
#include <algorithm>
#include <string>
#include <vector>

// From OpenBLAS, which FAISS's exact search calls: its own worker threads spin while they wait for
// a core, which on a small machine turns into long stalls under load.
extern "C" void openblas_set_num_threads(int threads);

static thread_local std::string last_error;

// OpenMP's thread count is a per-thread setting: set once, it holds only for the thread that set it,
// and every other thread (NIO's pool runs our FAISS calls) would start a team of one thread per core
// whose idle members spin. Every entry point applies the configured count to its own thread.
static std::atomic<int> configured_threads{1};

static void apply_threads() {
    int threads = configured_threads.load(std::memory_order_relaxed);
    if (omp_get_max_threads() != threads) omp_set_num_threads(threads);
}

static int fail(int code, const char *message) {
    last_error = message;
    return code;
}

template <typename Body>
static int guarded(Body body) {
    apply_threads();
    try {
        return body();
    } catch (const std::exception &e) {
        return fail(PM_ERR_FAISS, e.what());
    } catch (...) {
        return fail(PM_ERR_FAISS, "unknown FAISS failure");
    }
}

static faiss::IndexIDMap2 *wrap(faiss::Index *inner) {
    auto *map = new faiss::IndexIDMap2(inner);
    map->own_fields = true;
    return map;
}

extern "C" {

int pm_index_new(int32_t dims, int32_t kind, int32_t hnsw_m, pm_index **out) {
    if (dims <= 0 || out == nullptr) return fail(PM_ERR_ARGUMENT, "dimension must be positive");
    return guarded([&]() -> int {
        faiss::Index *inner = nullptr;
        if (kind == PM_INDEX_HNSW) {
            auto *hnsw = new faiss::IndexHNSWFlat(dims, hnsw_m > 0 ? hnsw_m : 32, faiss::METRIC_INNER_PRODUCT);
            hnsw->hnsw.efConstruction = 80;
            hnsw->hnsw.efSearch = 64;
            inner = hnsw;
        } else if (kind == PM_INDEX_FLAT) {
            inner = new faiss::IndexFlatIP(dims);
        } else {
            return fail(PM_ERR_ARGUMENT, "unknown index kind");
        }
        *out = new pm_index{std::unique_ptr<faiss::IndexIDMap2>(wrap(inner)), kind, {}};
        return PM_OK;
    });
}

void pm_index_free(pm_index *index) { delete index; }

int pm_index_add(pm_index *index, int64_t n, const float *vectors, const int64_t *ids) {
    if (index == nullptr || n < 0) return fail(PM_ERR_ARGUMENT, "bad add arguments");
    if (n == 0) return PM_OK;
    return guarded([&]() -> int {
        static_assert(sizeof(faiss::Index::idx_t) == sizeof(int64_t), "64-bit ids");
        index->map->add_with_ids(n, vectors, reinterpret_cast<const faiss::Index::idx_t *>(ids));
        if (index->kind == PM_INDEX_FLAT) index->coarse.append(vectors, n, index->map->d);
        return PM_OK;
    });
}

int pm_index_search(const pm_index *index, int64_t k, const float *query, float *scores, int64_t *ids) {
    if (index == nullptr || k <= 0) return fail(PM_ERR_ARGUMENT, "bad search arguments");
    return guarded([&]() -> int {
        auto *labels = reinterpret_cast<faiss::Index::idx_t *>(ids);
        if (!pm_search_flat(*index, k, query, scores, labels)) index->map->search(1, query, k, scores, labels);
        return PM_OK;
    });
}

int pm_index_remove(pm_index *index, int64_t n, const int64_t *ids, int64_t *removed) {
    if (index == nullptr || n < 0 || (n > 0 && ids == nullptr)) return fail(PM_ERR_ARGUMENT, "bad remove arguments");
    return guarded([&]() -> int {
        faiss::IDSelectorBatch selector(n, reinterpret_cast<const faiss::Index::idx_t *>(ids));
        if (index->kind != PM_INDEX_HNSW) {
            int64_t count = index->map->remove_ids(selector);
            index->coarse.rebuild(*index->map->index);
            if (removed != nullptr) *removed = count;
            return PM_OK;
        }
        auto *old_hnsw = static_cast<faiss::IndexHNSWFlat *>(index->map->index);
        const int64_t total = index->map->ntotal;
        const int32_t d = index->map->d;
        std::vector<float> kept_vectors;
        std::vector<faiss::Index::idx_t> kept_ids;
        kept_vectors.reserve(static_cast<size_t>(total) * d);
        kept_ids.reserve(total);
        std::vector<float> buffer(d);
        for (int64_t i = 0; i < total; i++) {
            faiss::Index::idx_t id = index->map->id_map[i];
            if (selector.is_member(id)) continue;
            old_hnsw->reconstruct(i, buffer.data());
            kept_vectors.insert(kept_vectors.end(), buffer.begin(), buffer.end());
            kept_ids.push_back(id);
        }
        int64_t count = total - static_cast<int64_t>(kept_ids.size());
        if (count > 0) {
            auto *hnsw = new faiss::IndexHNSWFlat(d, old_hnsw->hnsw.nb_neighbors(1), faiss::METRIC_INNER_PRODUCT);
            hnsw->hnsw.efConstruction = old_hnsw->hnsw.efConstruction;
            hnsw->hnsw.efSearch = old_hnsw->hnsw.efSearch;
            std::unique_ptr<faiss::IndexIDMap2> map(wrap(hnsw));
            if (!kept_ids.empty()) map->add_with_ids(kept_ids.size(), kept_vectors.data(), kept_ids.data());
            index->map = std::move(map);
        }
        if (removed != nullptr) *removed = count;
        return PM_OK;
    });
}

int pm_index_ids(const pm_index *index, int64_t *ids) {
    if (index == nullptr || (index->map->ntotal > 0 && ids == nullptr)) return fail(PM_ERR_ARGUMENT, "bad ids arguments");
    std::copy(index->map->id_map.begin(), index->map->id_map.end(), ids);
    return PM_OK;
}

int pm_index_inner_products(const pm_index *index, const float *query, int64_t n, const int64_t *ids, float *scores, uint8_t *found) {
    if (index == nullptr || n < 0 || (n > 0 && (query == nullptr || ids == nullptr || scores == nullptr || found == nullptr)))
        return fail(PM_ERR_ARGUMENT, "bad inner product arguments");
    return guarded([&]() -> int {
        const auto &map = *index->map;
        std::vector<int64_t> rows, places;
        for (int64_t i = 0; i < n; i++) {
            const auto row = map.rev_map.find(ids[i]);
            found[i] = row != map.rev_map.end() ? 1 : 0;
            scores[i] = 0;
            if (!found[i]) continue;
            rows.push_back(row->second);
            places.push_back(i);
        }
        std::vector<float> products(rows.size());
        pm_stored_inner_products(map, rows.data(), int64_t(rows.size()), query, products.data());
        for (size_t j = 0; j < rows.size(); j++) scores[places[j]] = products[j];
        return PM_OK;
    });
}

int64_t pm_index_count(const pm_index *index) { return index == nullptr ? 0 : index->map->ntotal; }

int32_t pm_index_dims(const pm_index *index) { return index == nullptr ? 0 : index->map->d; }

int32_t pm_index_kind(const pm_index *index) { return index == nullptr ? -1 : index->kind; }

void pm_index_set_ef_search(pm_index *index, int32_t ef) {
    if (index == nullptr || index->kind != PM_INDEX_HNSW || ef <= 0) return;
    static_cast<faiss::IndexHNSWFlat *>(index->map->index)->hnsw.efSearch = ef;
}

int pm_index_write(const pm_index *index, const char *path) {
    if (index == nullptr || path == nullptr) return fail(PM_ERR_ARGUMENT, "bad write arguments");
    return guarded([&]() -> int {
        faiss::write_index(index->map.get(), path);
        return PM_OK;
    });
}

int pm_index_read(const char *path, pm_index **out) {
    if (path == nullptr || out == nullptr) return fail(PM_ERR_ARGUMENT, "bad read arguments");
    return guarded([&]() -> int {
        std::unique_ptr<faiss::Index> loaded(faiss::read_index(path));
        auto *map = dynamic_cast<faiss::IndexIDMap2 *>(loaded.get());
        if (map == nullptr) return fail(PM_ERR_IO, "file is not an id-mapped index");
        int32_t kind = dynamic_cast<faiss::IndexHNSWFlat *>(map->index) != nullptr ? PM_INDEX_HNSW : PM_INDEX_FLAT;
        loaded.release();
        *out = new pm_index{std::unique_ptr<faiss::IndexIDMap2>(map), kind, {}};
        (*out)->coarse.rebuild(*map->index);
        return PM_OK;
    });
}

const char *pm_last_error(void) { return last_error.c_str(); }

void pm_set_threads(int32_t threads) {
    if (threads <= 0) return;
    configured_threads.store(threads, std::memory_order_relaxed);
    omp_set_num_threads(threads);
    openblas_set_num_threads(threads);
}

void pm_use_blas_for_single_queries(void) {
    // FAISS scans for fewer than 20 queries with its own loops; Debian builds them without wide
    // SIMD, while OpenBLAS picks the CPU's best kernels at run time. One query through BLAS is
    // several times faster on flat indexes. (With AVX2, `search_flat` scans instead; this is the
    // path of CPUs without it.)
    faiss::distance_compute_blas_threshold = 1;
}

}
