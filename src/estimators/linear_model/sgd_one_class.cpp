// SGDOneClassSVM: a linear outlier detector (the same formulas in scikit-learn 1.2 and 1.4).
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/linear_model/_stochastic_gradient.py

#include <cmath>

#include "estimators/linear_model/internal.hpp"
#include "estimators/linear_model/linear_math.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"
#include "skops/estimators/linear_model.hpp"

namespace skops::estimators {

SGDOneClassSVM::SGDOneClassSVM(std::vector<double> coef, double offset)
    : coef_(std::move(coef)), offset_(offset) {
  if (coef_.empty()) throw ValidationError("SGDOneClassSVM: coef_ is empty");
  for (double v : coef_) {
    if (!std::isfinite(v)) throw ValidationError("SGDOneClassSVM: coef_ is not finite");
  }
  if (!std::isfinite(offset_)) throw ValidationError("SGDOneClassSVM: offset_ is not finite");
  set_type_name("sklearn.linear_model._stochastic_gradient.SGDOneClassSVM");
  set_n_features_in(static_cast<std::int64_t>(coef_.size()));
}

NdArray SGDOneClassSVM::finish(Method m, const Matrix& decision) const {
  const auto n = static_cast<std::size_t>(decision.rows());
  if (m == Method::Predict) {
    std::vector<std::int32_t> y(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = decision(static_cast<Eigen::Index>(i), 0) >= 0 ? 1 : -1;
    return NdArray::from_vector(y);
  }
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double d = decision(static_cast<Eigen::Index>(i), 0);
    // score_samples adds offset_ back to the finished decision values, as scikit-learn does.
    out[i] = m == Method::ScoreSamples ? d + offset_ : d;
  }
  return NdArray::from_vector(out);
}

namespace {
Matrix coef_row(const std::vector<double>& coef) {
  return Eigen::Map<const Matrix>(coef.data(), 1, static_cast<Eigen::Index>(coef.size()));
}
}  // namespace

NdArray SGDOneClassSVM::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_finite_input(X);
  // x - offset equals x + (-offset) exactly.
  return finish(m, detail::linear_model::decision_scores(X, coef_row(coef_),
                                                          Eigen::VectorXd::Constant(1, -offset_)));
}

NdArray SGDOneClassSVM::on_sparse(Method m, const CsrMatrix& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  detail::check_finite_sparse(*this, X);
  return finish(m, detail::linear_model::decision_scores(X, coef_row(coef_),
                                                          Eigen::VectorXd::Constant(1, -offset_)));
}

}  // namespace skops::estimators

namespace skops::estimators::detail::linear_model {

void save_sgd_one_class(const SGDOneClassSVM& e, ObjectWriter& w) {
  using namespace param_nodes;
  // scikit-learn's __init__ values (the same in 1.2 and 1.4), for natively built models.
  const Params defaults = {
      {"nu", f(0.5)}, {"loss", s("hinge")}, {"penalty", s("l2")}, {"learning_rate", s("optimal")},
      {"epsilon", f(0.1)}, {"alpha", f(0.0001)}, {"C", f(1.0)}, {"l1_ratio", i(0)},
      {"fit_intercept", b(true)}, {"shuffle", b(true)}, {"random_state", none()},
      {"verbose", i(0)}, {"eta0", f(0.0)}, {"power_t", f(0.5)}, {"early_stopping", b(false)},
      {"validation_fraction", f(0.1)}, {"n_iter_no_change", i(5)}, {"warm_start", b(false)},
      {"average", b(false)}, {"max_iter", i(1000)}, {"tol", f(0.001)}};
  for (const auto& [key, value] : defaults) w.set_default(key, value);
  w.set("coef_", detail::float_array_node(e.coef()));
  w.set("offset_", detail::float_array_node({e.offset()}));
  w.set_int("n_features_in_", e.n_features_in());
}

std::unique_ptr<SGDOneClassSVM> build_sgd_one_class(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  auto est = detail::located(obj, [&] {
    return std::make_unique<SGDOneClassSVM>(detail::float_vector(obj, "coef_", n),
                                            detail::float_vector(obj, "offset_", 1)[0]);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::linear_model
