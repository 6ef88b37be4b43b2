// CsrMatrix invariants and densifying (include/skops/sparse.hpp).
#include "skops/sparse.hpp"

#include <cstring>
#include <string>

#include "skops/error.hpp"

namespace skops {

namespace {
[[noreturn]] void broken(const char* what, const std::string& why) {
  throw InputError(std::string(what) + ": " + why);
}
}  // namespace

void CsrMatrix::validate(const char* what) const {
  if (rows < 0 || cols < 0)
    broken(what, "negative shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ")");
  if (indptr.size() != static_cast<std::size_t>(rows) + 1)
    broken(what, "indptr has " + std::to_string(indptr.size()) + " entries for " +
                     std::to_string(rows) + " rows (needs rows + 1)");
  if (indices.size() != data.size())
    broken(what, "indices (" + std::to_string(indices.size()) + ") and data (" +
                     std::to_string(data.size()) + ") differ in length");
  if (indptr.front() != 0) broken(what, "indptr[0] is " + std::to_string(indptr.front()));
  if (indptr.back() != nnz())
    broken(what, "indptr[-1] is " + std::to_string(indptr.back()) + ", nnz is " +
                     std::to_string(nnz()));
  for (std::int64_t r = 0; r < rows; ++r) {
    const std::int64_t b = indptr[static_cast<std::size_t>(r)];
    const std::int64_t e = indptr[static_cast<std::size_t>(r) + 1];
    if (e < b || e > nnz())
      broken(what, "indptr decreases or exceeds nnz at row " + std::to_string(r));
    for (std::int64_t k = b; k < e; ++k) {
      const std::int64_t c = indices[static_cast<std::size_t>(k)];
      if (c < 0 || c >= cols)
        broken(what, "column index " + std::to_string(c) + " out of range [0, " +
                         std::to_string(cols) + ") in row " + std::to_string(r));
      if (k > b && c <= indices[static_cast<std::size_t>(k) - 1])
        broken(what, "column indices not sorted or repeated in row " + std::to_string(r));
    }
  }
}

bool CsrMatrix::has_canonical_format() const noexcept {
  if (indptr.size() != static_cast<std::size_t>(rows) + 1) return false;
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t k = indptr[static_cast<std::size_t>(r)] + 1;
         k < indptr[static_cast<std::size_t>(r) + 1]; ++k) {
      if (indices[static_cast<std::size_t>(k)] <= indices[static_cast<std::size_t>(k) - 1])
        return false;
    }
  }
  return true;
}

bool CsrMatrix::identical(const CsrMatrix& o) const noexcept {
  return rows == o.rows && cols == o.cols && indptr == o.indptr && indices == o.indices &&
         data.size() == o.data.size() &&
         (data.empty() ||
          std::memcmp(data.data(), o.data.data(), data.size() * sizeof(double)) == 0);
}

void CsrMatrix::check_dense_bytes(std::size_t max_bytes) const {
  const auto r = static_cast<unsigned long long>(rows);
  const auto c = static_cast<unsigned long long>(cols);
  const unsigned long long cells_cap = max_bytes / sizeof(double);
  if (c != 0 && r > cells_cap / c)
    throw LimitError("densifying a " + std::to_string(rows) + " x " + std::to_string(cols) +
                     " sparse matrix needs more than " + std::to_string(max_bytes) +
                     " bytes (an estimator without a sparse path; raise the densify cap or "
                     "send fewer rows)");
}

void CsrMatrix::add_to_dense(double* out) const noexcept {
  for (std::int64_t i = 0; i < rows; ++i) {
    double* row = out + static_cast<std::size_t>(i) * static_cast<std::size_t>(cols);
    for (std::int64_t k = indptr[static_cast<std::size_t>(i)];
         k < indptr[static_cast<std::size_t>(i) + 1]; ++k)
      row[indices[static_cast<std::size_t>(k)]] += data[static_cast<std::size_t>(k)];
  }
}

std::vector<double> CsrMatrix::to_dense(std::size_t max_bytes) const {
  check_dense_bytes(max_bytes);
  std::vector<double> out(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols), 0.0);
  add_to_dense(out.data());
  return out;
}

}  // namespace skops
