// sklearn.feature_extraction.text.TfidfTransformer.transform on CSR data, in scikit-learn's
// order: sublinear tf (log(x) + 1 on stored values), × idf (X @ _idf_diag), then
// normalize() row by row (inplace_csr_row_normalize_l1/l2: a row summing to 0 is kept).

#include <cmath>

#include "estimators/feature_extraction/internal.hpp"
#include "estimators/utils/sparse.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace fe = detail::feature_extraction;

TfidfTransformer::TfidfTransformer(Norm norm, bool use_idf, bool smooth_idf, bool sublinear_tf,
                                   std::vector<double> idf)
    : norm_(norm),
      use_idf_(use_idf),
      smooth_idf_(smooth_idf),
      sublinear_tf_(sublinear_tf),
      idf_(std::move(idf)) {
  if (use_idf_ && idf_.empty()) throw ValidationError("TfidfTransformer: use_idf without idf_");
  for (double v : idf_) {
    if (!std::isfinite(v)) throw ValidationError("TfidfTransformer: idf_ holds a non-finite value");
  }
  if (use_idf_) set_n_features_in(static_cast<std::int64_t>(idf_.size()));
  set_type_name("sklearn.feature_extraction.text.TfidfTransformer");
}

void TfidfTransformer::apply(CsrMatrix& X) const {
  if (sublinear_tf_) {
    for (double& v : X.data) v = std::log(v) + 1.0;
  }
  if (use_idf_) {
    for (std::size_t k = 0; k < X.data.size(); ++k)
      X.data[k] *= idf_[static_cast<std::size_t>(X.indices[k])];
  }
  fe::normalize_rows(X, norm_);
}

NdArray TfidfTransformer::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError("TfidfTransformer has no method " + std::string(to_string(m)));
  check_input(X);
  return on_sparse(m, detail::csr_from_dense(X));
}

SparseTransform TfidfTransformer::on_sparse_transform(const CsrMatrix& X) const {
  CsrMatrix out = X;
  apply(out);
  return out;
}

}  // namespace skops::estimators
