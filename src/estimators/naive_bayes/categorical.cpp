// sklearn.naive_bayes.CategoricalNB (sklearn/naive_bayes.py, 1.2.1 and 1.4.2): X is
// validated with dtype="int" (finite, then truncated like numpy's astype) and must be
// non-negative; jll = sum over features of feature_log_prob_[i][:, X[:, i]].T, accumulated
// feature by feature from zero, then + class_log_prior_. A category index beyond those seen
// in fit raises IndexError in scikit-learn; here an InputError.

#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/naive_bayes/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

void validate_categorical(const CategoricalNBParams& p, const detail::Fail& fail) {
  detail::check_classes(p.classes, fail);
  const auto k = static_cast<std::int64_t>(p.classes.size());
  if (p.feature_log_prob.empty()) fail("feature_log_prob_ has no feature");
  for (std::size_t i = 0; i < p.feature_log_prob.size(); ++i) {
    const std::string what = "feature_log_prob_[" + std::to_string(i) + "]";
    detail::check_float_array(p.feature_log_prob[i], what, 2, {k, -1}, fail);
    if (p.feature_log_prob[i].dim(1) < 1) fail(what + " has no category");
  }
  detail::check_float_array(p.class_log_prior, "class_log_prior_", 1, {k}, fail);
  // Required: scikit-learn's CategoricalNB._joint_log_likelihood reads class_count_.shape.
  detail::check_float_array(p.class_count, "class_count_", 1, {k}, fail);
  if (!p.category_count.empty() && p.category_count.size() != p.feature_log_prob.size()) {
    fail("category_count_ and feature_log_prob_ have different lengths");
  }
  for (std::size_t i = 0; i < p.category_count.size(); ++i) {
    detail::check_float_array(p.category_count[i], "category_count_[" + std::to_string(i) + "]", 2,
                            {k, p.feature_log_prob[i].dim(1)}, fail);
  }
}

}  // namespace

std::unique_ptr<CategoricalNB> CategoricalNB::from_arrays(CategoricalNBParams p) {
  validate_categorical(p, detail::native_fail(detail::naive_bayes::kCategoricalType));
  auto est = std::make_unique<CategoricalNB>();
  for (const NdArray& a : p.feature_log_prob) est->flp_.push_back(detail::to_matrix2d(a));
  est->prior_ = detail::to_vector1d(p.class_log_prior);
  est->set_type_name(detail::naive_bayes::kCategoricalType);
  est->set_n_features_in(static_cast<std::int64_t>(p.feature_log_prob.size()));
  est->p_ = std::move(p);
  return est;
}

bool CategoricalNB::supports(Method m) const noexcept { return detail::naive_bayes::supports(m); }

Matrix CategoricalNB::joint_log_likelihood(const MatrixView& X) const {
  check_finite_input(X);
  const Eigen::Index k = prior_.size();
  Matrix jll = Matrix::Zero(X.rows(), k);
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      const double t = std::trunc(X(r, j));
      if (t < 0) {
        throw InputError("Negative values in data passed to CategoricalNB (input X)");
      }
      const Matrix& f = flp_[static_cast<std::size_t>(j)];
      if (t >= static_cast<double>(f.cols())) {
        throw InputError("CategoricalNB: category " + std::to_string(static_cast<std::int64_t>(t)) +
                         " of feature " + std::to_string(j) + " was not seen in fit (" +
                         std::to_string(f.cols()) + " categories)");
      }
    }
  }
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const Matrix& f = flp_[static_cast<std::size_t>(j)];
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      const auto c = static_cast<Eigen::Index>(std::trunc(X(r, j)));
      for (Eigen::Index i = 0; i < k; ++i) jll(r, i) += f(i, c);
    }
  }
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    for (Eigen::Index i = 0; i < k; ++i) jll(r, i) += prior_(i);
  }
  return jll;
}

NdArray CategoricalNB::run(Method m, const MatrixView& X) const {
  if (!supports(m)) return detail::naive_bayes::output(*this, m, Matrix(), p_.classes);
  return detail::naive_bayes::output(*this, m, joint_log_likelihood(X), p_.classes);
}

namespace detail::naive_bayes {

std::unique_ptr<CategoricalNB> build_categorical(const ObjectView& obj) {
  CategoricalNBParams p;
  const ValueView cv = obj.at("classes_");
  p.classes = detail::read_classes(cv);
  for (const ValueView& item : obj.at("feature_log_prob_").items()) {
    p.feature_log_prob.push_back(detail::numpy_array(item, "feature_log_prob_ item"));
  }
  if (const auto v = obj.find("category_count_")) {
    for (const ValueView& item : v->items()) {
      p.category_count.push_back(detail::numpy_array(item, "category_count_ item"));
    }
  }
  p.class_log_prior = detail::numpy_array(obj.at("class_log_prior_"), "class_log_prior_");
  if (const auto v = obj.find("class_count_"))
    p.class_count = detail::numpy_array(*v, "class_count_");
  if (const auto v = obj.find("alpha"); v && v->node().kind == NodeKind::Json) {
    p.alpha = v->as_double();
  }
  if (const auto v = obj.find("fit_prior")) p.fit_prior = v->as_bool();
  validate_categorical(p, detail::attribute_fail(obj));
  auto est = CategoricalNB::from_arrays(std::move(p));
  if (const auto n = obj.find("n_features_in_")) {
    if (n->as_int() != est->n_features_in()) {
      n->fail("n_features_in_ = " + std::to_string(n->as_int()) +
              " does not match the length of feature_log_prob_ (" +
              std::to_string(est->n_features_in()) + ")");
    }
  }
  est->classes_node_ = cv.ptr();
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_categorical(const CategoricalNB& est, ObjectWriter& w) {
  const CategoricalNBParams& p = est.params();
  if (!est.original_state()) {
    w.set_real("alpha", p.alpha);
    w.set_bool("fit_prior", p.fit_prior);
    w.set_none("class_prior");
    w.set_none("min_categories");
    if (w.ctx().target_at_least(1, 4)) {
      w.set_bool("force_alpha", true);
    } else {
      w.set_str("force_alpha", "warn");
    }
    std::vector<std::int64_t> ncat;
    for (const NdArray& a : p.feature_log_prob) ncat.push_back(a.dim(1));
    w.set_array("n_categories_", NdArray::from_vector(ncat));
  }
  w.set_int("n_features_in_", est.n_features_in());
  w.set("classes_", est.classes_node_ ? est.classes_node_ : make::array(p.classes));
  if (p.class_count.ndim() == 1) w.set_array("class_count_", p.class_count);
  if (!p.category_count.empty()) {
    std::vector<NodePtr> items;
    for (const NdArray& a : p.category_count) items.push_back(make::array(a));
    w.set("category_count_", make::list(std::move(items)));
  }
  std::vector<NodePtr> items;
  for (const NdArray& a : p.feature_log_prob) items.push_back(make::array(a));
  w.set("feature_log_prob_", make::list(std::move(items)));
  w.set_array("class_log_prior_", p.class_log_prior);
}

}  // namespace detail::naive_bayes
}  // namespace skops::estimators
