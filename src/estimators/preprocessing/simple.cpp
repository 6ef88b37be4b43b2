// Normalizer and Binarizer: stateless row/element maps. scikit-learn validates their input
// with the default check_array (NaN and infinity refused).
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_data.py

#include <cmath>
#include <limits>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "estimators/utils/sparse.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

Normalizer::Normalizer(std::string norm, std::int64_t n_features) : norm_(std::move(norm)) {
  if (norm_ != "l1" && norm_ != "l2" && norm_ != "max") {
    throw ValidationError("Normalizer: unsupported norm \"" + norm_ + "\"");
  }
  set_type_name("sklearn.preprocessing._data.Normalizer");
  set_n_features_in(n_features);
}

NdArray Normalizer::do_transform(const MatrixView& X) const {
  check_finite_input(X);
  Matrix out = X;
  // Norms below 10·eps are replaced by 1 (_handle_zeros_in_scale), then X /= norms[:, None].
  const double tiny = 10 * std::numeric_limits<double>::epsilon();
  for (Eigen::Index i = 0; i < out.rows(); ++i) {
    double norm = 0.0;
    if (norm_ == "l1") {
      for (Eigen::Index j = 0; j < out.cols(); ++j) norm += std::abs(out(i, j));
    } else if (norm_ == "l2") {
      for (Eigen::Index j = 0; j < out.cols(); ++j) norm += out(i, j) * out(i, j);
      norm = std::sqrt(norm);
    } else {
      for (Eigen::Index j = 0; j < out.cols(); ++j) norm = std::max(norm, std::abs(out(i, j)));
    }
    if (norm < tiny) norm = 1.0;
    for (Eigen::Index j = 0; j < out.cols(); ++j) out(i, j) /= norm;
  }
  return to_ndarray(out);
}

SparseTransform Normalizer::on_sparse_transform(const CsrMatrix& X) const {
  detail::check_finite_sparse(*this, X);
  CsrMatrix out = X;
  detail::normalize_rows(out, norm_ == "l1"   ? detail::RowNorm::L1
                              : norm_ == "l2" ? detail::RowNorm::L2
                                              : detail::RowNorm::Max);
  return out;
}

Binarizer::Binarizer(double threshold, std::int64_t n_features) : threshold_(threshold) {
  set_type_name("sklearn.preprocessing._data.Binarizer");
  set_n_features_in(n_features);
}

template <class T>
NdArray Binarizer::transform_as(const MatrixView& X) const {
  check_finite_input(X);
  // `X > threshold` compares in X's dtype: float32 data meets float32(threshold).
  const T threshold = static_cast<T>(threshold_);
  std::vector<T> out(static_cast<std::size_t>(X.rows() * X.cols()));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      out[static_cast<std::size_t>(i * X.cols() + j)] = static_cast<T>(X(i, j)) > threshold ? 1 : 0;
  }
  return NdArray::from_vector(
      out, {static_cast<std::int64_t>(X.rows()), static_cast<std::int64_t>(X.cols())});
}

NdArray Binarizer::do_transform(const MatrixView& X) const { return transform_as<double>(X); }

NdArray Binarizer::do_transform_float32(const MatrixView& X) const {
  return transform_as<float>(X);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

void save_binarizer(const Binarizer& e, ObjectWriter& w) {
  w.set("threshold", make::real(e.threshold()));
  w.set_default("copy", make::boolean(true));
  if (e.n_features_in() >= 0) w.set_int("n_features_in_", e.n_features_in());
}

std::unique_ptr<Binarizer> build_binarizer(const ObjectView& obj) {
  const auto n = detail::optional_n_features(obj);
  const double t = obj.real("threshold");
  if (std::isnan(t)) obj.fail("threshold is NaN");
  auto est = std::make_unique<Binarizer>(t, n);
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_normalizer(const Normalizer& e, ObjectWriter& w) {
  w.set("norm", make::str(e.norm()));
  w.set_default("copy", make::boolean(true));
  if (e.n_features_in() >= 0) w.set_int("n_features_in_", e.n_features_in());
}

std::unique_ptr<Normalizer> build_normalizer(const ObjectView& obj) {
  const auto n = detail::optional_n_features(obj);
  auto est = detail::located(obj, [&] { return std::make_unique<Normalizer>(obj.str("norm"), n); });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
