// sklearn.naive_bayes.GaussianNB. The joint log likelihood follows
// GaussianNB._joint_log_likelihood term by term (sklearn/naive_bayes.py, 1.2.1 and 1.4.2):
//   log(class_prior_[i]) + (-0.5 * sum(log(2.0 * pi * var_[i])) - 0.5 * sum((X - theta_[i])**2
//   / var_[i], axis=1)), with numpy's pairwise summation.

#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/naive_bayes/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

std::unique_ptr<GaussianNB> make_gaussian(GaussianNBParams p, const detail::Fail& fail) {
  detail::check_classes(p.classes, fail);
  const auto k = static_cast<std::int64_t>(p.classes.size());
  detail::check_float_array(p.theta, "theta_", 2, {k, -1}, fail);
  const std::int64_t nf = p.theta.dim(1);
  if (nf < 1) fail("theta_ has no feature column");
  detail::check_float_array(p.var, "var_", 2, {k, nf}, fail);
  detail::check_float_array(p.class_prior, "class_prior_", 1, {k}, fail);
  if (p.class_count.size() > 0 || p.class_count.ndim() > 0) {
    detail::check_float_array(p.class_count, "class_count_", 1, {k}, fail);
  }
  auto est = std::make_unique<GaussianNB>();
  est->set_n_features_in(nf);
  est->set_type_name(detail::naive_bayes::kGaussianType);
  // Build through a friend-free path: the private state is set by the member below.
  return est;
}

}  // namespace

std::unique_ptr<GaussianNB> GaussianNB::from_arrays(GaussianNBParams p) {
  auto est = make_gaussian(p, detail::native_fail(detail::naive_bayes::kGaussianType));
  est->theta_ = detail::to_matrix2d(p.theta);
  est->var_ = detail::to_matrix2d(p.var);
  const Eigen::VectorXd prior = detail::to_vector1d(p.class_prior);
  const Eigen::Index k = est->theta_.rows();
  const Eigen::Index nf = est->theta_.cols();
  est->log_prior_.resize(k);
  est->log_norm_.resize(k);
  std::vector<double> tmp(static_cast<std::size_t>(nf));
  for (Eigen::Index i = 0; i < k; ++i) {
    est->log_prior_(i) = std::log(prior(i));
    for (Eigen::Index j = 0; j < nf; ++j) {
      tmp[static_cast<std::size_t>(j)] = std::log(2.0 * M_PI * est->var_(i, j));
    }
    est->log_norm_(i) = -0.5 * detail::numpy_sum(tmp.data(), nf);
  }
  est->p_ = std::move(p);
  return est;
}

bool GaussianNB::supports(Method m) const noexcept { return detail::naive_bayes::supports(m); }

Matrix GaussianNB::joint_log_likelihood(const MatrixView& X) const {
  check_finite_input(X);
  const Eigen::Index k = theta_.rows();
  const Eigen::Index nf = theta_.cols();
  Matrix jll(X.rows(), k);
  std::vector<double> tmp(static_cast<std::size_t>(nf));
  for (Eigen::Index i = 0; i < k; ++i) {
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      for (Eigen::Index j = 0; j < nf; ++j) {
        const double d = X(r, j) - theta_(i, j);
        tmp[static_cast<std::size_t>(j)] = (d * d) / var_(i, j);
      }
      const double n_ij = log_norm_(i) - 0.5 * detail::numpy_sum(tmp.data(), nf);
      jll(r, i) = log_prior_(i) + n_ij;
    }
  }
  return jll;
}

NdArray GaussianNB::run(Method m, const MatrixView& X) const {
  if (!supports(m)) return detail::naive_bayes::output(*this, m, Matrix(), p_.classes);
  return detail::naive_bayes::output(*this, m, joint_log_likelihood(X), p_.classes);
}

namespace detail::naive_bayes {

std::unique_ptr<GaussianNB> build_gaussian(const ObjectView& obj) {
  GaussianNBParams p;
  const ValueView cv = obj.at("classes_");
  p.classes = detail::read_classes(cv);
  p.theta = detail::numpy_array(obj.at("theta_"), "theta_");
  // scikit-learn < 1.0 named the variances sigma_ (removed in 1.2).
  const std::string var_key = obj.has("var_") ? "var_" : "sigma_";
  p.var = detail::numpy_array(obj.at(var_key), var_key);
  p.class_prior = detail::numpy_array(obj.at("class_prior_"), "class_prior_");
  if (const auto c = obj.find("class_count_"))
    p.class_count = detail::numpy_array(*c, "class_count_");
  detail::optional_real(obj, "epsilon_", p.epsilon);
  detail::optional_real(obj, "var_smoothing", p.var_smoothing);
  const detail::Fail fail = detail::attribute_fail(obj);
  make_gaussian(p, fail);  // validates with the object's pointer
  auto est = GaussianNB::from_arrays(std::move(p));
  if (const auto n = obj.find("n_features_in_")) {
    if (n->as_int() != est->n_features_in()) {
      n->fail("n_features_in_ = " + std::to_string(n->as_int()) + " does not match theta_ (" +
              std::to_string(est->n_features_in()) + " features)");
    }
  }
  est->var_key_ = var_key;
  est->classes_node_ = cv.ptr();
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_gaussian(const GaussianNB& est, ObjectWriter& w) {
  const GaussianNBParams& p = est.params();
  if (!est.original_state()) {
    w.set_none("priors");
    w.set_real("var_smoothing", p.var_smoothing);
  }
  w.set("classes_", est.classes_node_ ? est.classes_node_ : make::array(p.classes));
  w.set_int("n_features_in_", est.n_features_in());
  if (!est.original_state() || est.original_state()->get("epsilon_")) {
    w.set("epsilon_", make::numpy_scalar(NdArray::from_vector(std::vector<double>{p.epsilon}, {})));
  }
  w.set_array("theta_", p.theta);
  w.set_array(est.var_key_, p.var);
  if (p.class_count.ndim() == 1) w.set_array("class_count_", p.class_count);
  w.set_array("class_prior_", p.class_prior);
}

}  // namespace detail::naive_bayes
}  // namespace skops::estimators
