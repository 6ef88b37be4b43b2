// RFE, RFECV and SequentialFeatureSelector: a fitted support_ mask (and for RFE/RFECV the
// estimator_ fitted on the selected columns). The ranking_, cv_results_, n_features_ side
// state is not read: it is kept as loaded and written back.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/feature_selection/_rfe.py

#include <cmath>
#include <string>

#include "estimators/feature_selection/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/feature_selection.hpp"

namespace skops::estimators {

WrapperFeatureSelector::WrapperFeatureSelector(std::string type_name, std::vector<bool> support,
                                               EstimatorPtr estimator)
    : support_(std::move(support)), estimator_(std::move(estimator)) {
  if (support_.empty()) throw ValidationError(type_name + ": support_ is empty");
  for (std::size_t j = 0; j < support_.size(); ++j) {
    if (support_[j]) columns_.push_back(static_cast<Eigen::Index>(j));
  }
  if (estimator_ && estimator_->n_features_in() >= 0 &&
      estimator_->n_features_in() != static_cast<std::int64_t>(columns_.size())) {
    throw ValidationError(type_name + ": estimator_ has " +
                          std::to_string(estimator_->n_features_in()) + " features but support_ selects " +
                          std::to_string(columns_.size()));
  }
  set_type_name(std::move(type_name));
  set_n_features_in(static_cast<std::int64_t>(support_.size()));
}

bool WrapperFeatureSelector::supports(Method m) const noexcept {
  if (m == Method::Transform || m == Method::InverseTransform) return true;
  // available_if(_estimator_has(...)) for predict, predict_proba, ... (RFE and RFECV only).
  return estimator_ && (m == Method::Predict || m == Method::PredictProba ||
                        m == Method::PredictLogProba || m == Method::DecisionFunction) &&
         estimator_->supports(m);
}

Matrix WrapperFeatureSelector::selected(const MatrixView& X) const {
  check_finite_input(X);
  Matrix out(X.rows(), static_cast<Eigen::Index>(columns_.size()));
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    for (std::size_t c = 0; c < columns_.size(); ++c) out(r, static_cast<Eigen::Index>(c)) = X(r, columns_[c]);
  }
  return out;
}

NdArray WrapperFeatureSelector::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  if (m == Method::Transform) return to_ndarray(selected(X));
  if (m == Method::InverseTransform) {
    // SelectorMixin.inverse_transform: zeros, X in the selected columns.
    if (X.rows() == 0) throw InputError(type_name() + ": X has 0 samples");
    if (X.cols() != static_cast<Eigen::Index>(columns_.size())) {
      throw InputError(type_name() + ": inverse_transform needs " + std::to_string(columns_.size()) +
                       " columns, X has " + std::to_string(X.cols()));
    }
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      for (Eigen::Index c = 0; c < X.cols(); ++c) {
        if (!std::isfinite(X(r, c))) throw InputError(type_name() + ": input contains NaN or infinity");
      }
    }
    Matrix out = Matrix::Zero(X.rows(), static_cast<Eigen::Index>(support_.size()));
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      for (std::size_t c = 0; c < columns_.size(); ++c) out(r, columns_[c]) = X(r, static_cast<Eigen::Index>(c));
    }
    return to_ndarray(out);
  }
  return estimator_->run(m, selected(X));
}

}  // namespace skops::estimators

namespace skops::estimators::detail::feature_selection {

std::unique_ptr<WrapperFeatureSelector> build_wrapper(const std::string& type, bool has_estimator,
                                                      const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  const NdArray s = obj.array("support_");
  if (s.ndim() != 1 || s.dim(0) != n || s.dtype().kind() != DTypeKind::Bool) {
    obj.at("support_").fail("support_ must be a 1-d bool array of n_features_in_ values");
  }
  const auto flags = s.to_vector<int>();
  std::vector<bool> support(flags.begin(), flags.end());
  EstimatorPtr inner = has_estimator ? obj.estimator("estimator_") : nullptr;
  auto est = detail::located(obj, [&] {
    return std::make_unique<WrapperFeatureSelector>(type, std::move(support), inner);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_wrapper(const WrapperFeatureSelector& e, ObjectWriter& w) {
  std::vector<std::uint8_t> flags(e.support().begin(), e.support().end());
  const auto n = static_cast<std::int64_t>(flags.size());
  w.set_array("support_", NdArray(DType::boolean(), {n}, ByteView::adopt(std::move(flags))));
  w.set_int("n_features_in_", e.n_features_in());
  if (e.estimator()) w.set_estimator("estimator_", *e.estimator());
}

}  // namespace skops::estimators::detail::feature_selection
