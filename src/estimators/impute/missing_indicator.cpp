// MissingIndicator on its own: the bool missing mask of the fitted columns. Only dense
// output: sparse=True (and "auto" with sparse input, which gives a sparse mask) is refused.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/impute/_base.py

#include <cmath>
#include <string>

#include "estimators/impute/internal.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"
#include "skops/estimators/impute.hpp"

namespace skops::estimators {

MissingIndicator::MissingIndicator(std::vector<std::int64_t> features, std::int64_t n_features,
                                   double missing_values, bool all_features, bool error_on_new,
                                   bool sparse_auto)
    : features_(std::move(features)),
      missing_values_(missing_values),
      all_features_(all_features),
      error_on_new_(error_on_new),
      sparse_auto_(sparse_auto) {
  if (n_features < 1) throw ValidationError("MissingIndicator: n_features must be >= 1");
  if (std::isinf(missing_values_)) throw ValidationError("MissingIndicator: missing_values is infinite");
  for (std::size_t i = 0; i < features_.size(); ++i) {
    // np.flatnonzero of the fit mask (or np.arange for "all"): strictly increasing.
    if (features_[i] < 0 || features_[i] >= n_features || (i > 0 && features_[i] <= features_[i - 1])) {
      throw ValidationError("MissingIndicator: features_ must be strictly increasing indices < " +
                            std::to_string(n_features));
    }
  }
  if (all_features_ && features_.size() != static_cast<std::size_t>(n_features)) {
    throw ValidationError("MissingIndicator: features=\"all\" needs every column in features_");
  }
  set_type_name("sklearn.impute._base.MissingIndicator");
  set_n_features_in(n_features);
}

template <class T>
NdArray MissingIndicator::transform_as(const MatrixView& X) const {
  const bool nan_missing = std::isnan(missing_values_);
  // _validate_input: check_array(force_all_finite="allow-nan" if missing_values is NaN else True).
  if (nan_missing) {
    detail::check_allow_nan(*this, X);
  } else {
    check_finite_input(X);
  }
  const T missing = static_cast<T>(missing_values_);
  auto is_missing = [&](double x) {
    return nan_missing ? std::isnan(x) : static_cast<T>(x) == missing;
  };
  if (!all_features_ && error_on_new_) {
    // Columns with a missing value now but none in fit: scikit-learn's ValueError.
    std::string fresh;
    std::size_t k = 0;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      while (k < features_.size() && features_[k] < j) ++k;
      if (k < features_.size() && features_[k] == j) continue;
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        if (is_missing(X(i, j))) {
          fresh += (fresh.empty() ? "" : " ") + std::to_string(j);
          break;
        }
      }
    }
    if (!fresh.empty()) {
      throw InputError("MissingIndicator: the features [" + fresh +
                       "] have missing values in transform but have no missing values in fit");
    }
  }
  const auto cols = static_cast<Eigen::Index>(features_.size());
  std::vector<std::uint8_t> out(static_cast<std::size_t>(X.rows() * cols));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index k = 0; k < cols; ++k) {
      const auto col = static_cast<Eigen::Index>(features_[static_cast<std::size_t>(k)]);
      out[static_cast<std::size_t>(i * cols + k)] = is_missing(X(i, col)) ? 1 : 0;
    }
  }
  return NdArray(DType::boolean(), {static_cast<std::int64_t>(X.rows()), static_cast<std::int64_t>(cols)},
                 ByteView::adopt(std::move(out)));
}

NdArray MissingIndicator::do_transform(const MatrixView& X) const { return transform_as<double>(X); }

NdArray MissingIndicator::do_transform_float32(const MatrixView& X) const {
  return transform_as<float>(X);
}

NdArray MissingIndicator::on_sparse(Method m, const CsrMatrix& X) const {
  if (sparse_auto_) {
    throw UnsupportedError(type_name() +
                           " with sparse=\"auto\" gives a sparse mask for sparse input, which is not "
                           "supported (refit with sparse=False, or pass dense input)");
  }
  if (missing_values_ == 0) {
    throw InputError(type_name() + ": sparse input with missing_values=0 is not supported");
  }
  return Estimator::on_sparse(m, X);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::impute {

void save_indicator(const MissingIndicator& e, ObjectWriter& w) {
  // A loaded indicator keeps its attributes as read (an int missing_values stays an int).
  w.set_default("missing_values", make::real(e.missing_values()));
  w.set_default("features", make::str(e.all_features() ? "all" : "missing-only"));
  w.set_default("sparse", e.sparse_auto() ? make::str("auto") : make::boolean(false));
  w.set_default("error_on_new", make::boolean(e.error_on_new()));
  w.set_default("_precomputed", make::boolean(false));
  w.set_int("n_features_in_", e.n_features_in());
  w.set_default("_n_features", make::integer(e.n_features_in()));
  w.set_default("features_", make::array(NdArray::from_vector(e.features())));
}

std::unique_ptr<MissingIndicator> build_indicator(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  if (obj.has("_n_features") && obj.integer("_n_features") != n) {
    obj.at("_n_features").fail("_n_features differs from n_features_in_");
  }
  const ValueView sparse = obj.at("sparse");
  const bool sparse_bool = sparse.node().kind == NodeKind::Json && sparse.node().scalar == ScalarKind::Bool;
  if (sparse_bool) {
    if (sparse.as_bool()) {
      throw UnsupportedError("MissingIndicator with sparse=True (a sparse mask) is not supported",
                             {}, sparse.pointer());
    }
  } else if (sparse.as_str() != "auto") {
    sparse.fail("sparse must be True, False or \"auto\"");
  }
  if (obj.has("_precomputed") && obj.boolean("_precomputed")) {
    throw UnsupportedError("MissingIndicator fitted on a precomputed mask is not supported", {},
                           obj.at("_precomputed").pointer());
  }
  const std::string mode = obj.str("features");
  if (mode != "missing-only" && mode != "all") obj.at("features").fail("features must be \"missing-only\" or \"all\"");
  const NdArray f = obj.array("features_");
  if (f.ndim() != 1 || (f.dtype().kind() != DTypeKind::Int && f.dtype().kind() != DTypeKind::UInt)) {
    obj.at("features_").fail("features_ must be a 1-d int array");
  }
  const double missing = missing_value_of(obj.at("missing_values"));
  auto est = detail::located(obj, [&] {
    return std::make_unique<MissingIndicator>(f.to_vector<std::int64_t>(), n, missing, mode == "all",
                                              obj.boolean("error_on_new"), !sparse_bool);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::impute
