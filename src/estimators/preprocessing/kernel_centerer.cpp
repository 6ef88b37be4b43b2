// KernelCenterer: K - K_fit_rows_ - rowmean(K) + K_fit_all_, in scikit-learn's order (the
// row means are numpy's pairwise np.sum(K, axis=1) divided by the fit sample count).
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_data.py

#include <cmath>

#include "estimators/preprocessing/internal.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

KernelCenterer::KernelCenterer(std::vector<double> k_fit_rows, double k_fit_all)
    : k_fit_rows_(std::move(k_fit_rows)), k_fit_all_(k_fit_all) {
  if (k_fit_rows_.empty()) throw ValidationError("KernelCenterer: K_fit_rows_ is empty");
  for (double v : k_fit_rows_) {
    if (!std::isfinite(v)) throw ValidationError("KernelCenterer: K_fit_rows_ is not finite");
  }
  if (!std::isfinite(k_fit_all_)) throw ValidationError("KernelCenterer: K_fit_all_ is not finite");
  set_type_name("sklearn.preprocessing._data.KernelCenterer");
  set_n_features_in(static_cast<std::int64_t>(k_fit_rows_.size()));
}

NdArray KernelCenterer::do_transform(const MatrixView& K) const {
  check_finite_input(K);
  const auto n_fit = static_cast<double>(k_fit_rows_.size());
  Matrix out(K.rows(), K.cols());
  for (Eigen::Index i = 0; i < K.rows(); ++i) {
    const double pred_col = detail::numpy_sum(K.row(i).data(), K.cols()) / n_fit;
    for (Eigen::Index j = 0; j < K.cols(); ++j) {
      out(i, j) = K(i, j) - k_fit_rows_[static_cast<std::size_t>(j)] - pred_col + k_fit_all_;
    }
  }
  return to_ndarray(out);
}

NdArray KernelCenterer::do_transform_float32(const MatrixView&) const {
  throw UnsupportedError(type_name() + ": float32 kernels are not supported (pass float64)");
}

NdArray KernelCenterer::on_sparse(Method, const CsrMatrix&) const {
  throw InputError(type_name() + ": a sparse kernel was passed, but dense data is required");
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

void save_kernel_centerer(const KernelCenterer& e, ObjectWriter& w) {
  w.set_int("n_features_in_", e.n_features_in());
  w.set("K_fit_rows_", detail::float_array_node(e.k_fit_rows()));
  w.set("K_fit_all_", make::numpy_scalar(NdArray::from_vector(std::vector<double>{e.k_fit_all()}, {})));
}

std::unique_ptr<KernelCenterer> build_kernel_centerer(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  auto est = detail::located(obj, [&] {
    return std::make_unique<KernelCenterer>(detail::float_vector(obj, "K_fit_rows_", n),
                                            obj.real("K_fit_all_"));
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
