// sklearn.naive_bayes MultinomialNB, ComplementNB and BernoulliNB (sklearn/naive_bayes.py,
// 1.2.1 and 1.4.2):
//   MultinomialNB: jll = X @ feature_log_prob_.T + class_log_prior_
//   ComplementNB:  jll = X @ feature_log_prob_.T (+ class_log_prior_ only with one class)
//   BernoulliNB:   X = binarize(X, threshold) (x > t → 1); neg = log(1 - exp(flp));
//                  jll = X @ (flp - neg).T + (class_log_prior_ + neg.sum(axis=1))

#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/utils/sparse.hpp"
#include "estimators/naive_bayes/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace detail::naive_bayes {

const char* type_name(DiscreteNBKind kind) noexcept {
  switch (kind) {
    case DiscreteNBKind::Multinomial:
      return "sklearn.naive_bayes.MultinomialNB";
    case DiscreteNBKind::Complement:
      return "sklearn.naive_bayes.ComplementNB";
    case DiscreteNBKind::Bernoulli:
      return "sklearn.naive_bayes.BernoulliNB";
  }
  return "";
}

}  // namespace detail::naive_bayes

namespace {

void validate_discrete(const DiscreteNBParams& p, const detail::Fail& fail) {
  detail::check_classes(p.classes, fail);
  const auto k = static_cast<std::int64_t>(p.classes.size());
  detail::check_float_array(p.feature_log_prob, "feature_log_prob_", 2, {k, -1}, fail);
  const std::int64_t nf = p.feature_log_prob.dim(1);
  if (nf < 1) fail("feature_log_prob_ has no feature column");
  detail::check_float_array(p.class_log_prior, "class_log_prior_", 1, {k}, fail);
  if (p.class_count.ndim() > 0)
    detail::check_float_array(p.class_count, "class_count_", 1, {k}, fail);
  if (p.feature_count.ndim() > 0) {
    detail::check_float_array(p.feature_count, "feature_count_", 2, {k, nf}, fail);
  }
  if (p.feature_all.ndim() > 0)
    detail::check_float_array(p.feature_all, "feature_all_", 1, {nf}, fail);
}

}  // namespace

std::unique_ptr<DiscreteNB> DiscreteNB::from_arrays(DiscreteNBParams p) {
  validate_discrete(p, detail::native_fail(detail::naive_bayes::type_name(p.kind)));
  auto est = std::make_unique<DiscreteNB>();
  const Matrix flp = detail::to_matrix2d(p.feature_log_prob);
  const Eigen::VectorXd prior = detail::to_vector1d(p.class_log_prior);
  const Eigen::Index k = flp.rows();
  switch (p.kind) {
    case DiscreteNBKind::Multinomial:
      est->w_ = flp;
      est->bias_ = prior;
      break;
    case DiscreteNBKind::Complement:
      est->w_ = flp;
      if (k == 1) est->bias_ = prior;
      break;
    case DiscreteNBKind::Bernoulli: {
      Matrix neg(k, flp.cols());
      for (Eigen::Index i = 0; i < neg.size(); ++i) {
        neg.data()[i] = std::log(1.0 - std::exp(flp.data()[i]));
      }
      est->w_ = flp - neg;
      est->bias_.resize(k);
      for (Eigen::Index i = 0; i < k; ++i) {
        est->bias_(i) = prior(i) + detail::numpy_sum(neg.row(i).data(), neg.cols());
      }
      break;
    }
  }
  est->set_type_name(detail::naive_bayes::type_name(p.kind));
  est->set_n_features_in(flp.cols());
  est->p_ = std::move(p);
  return est;
}

bool DiscreteNB::supports(Method m) const noexcept { return detail::naive_bayes::supports(m); }

Matrix DiscreteNB::joint_log_likelihood(const MatrixView& X) const {
  check_finite_input(X);
  const bool binarize = p_.kind == DiscreteNBKind::Bernoulli && p_.has_binarize;
  Matrix jll(X.rows(), w_.rows());
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    for (Eigen::Index i = 0; i < w_.rows(); ++i) {
      double acc = 0.0;
      for (Eigen::Index j = 0; j < w_.cols(); ++j) {
        const double x = binarize ? (X(r, j) > p_.binarize ? 1.0 : 0.0) : X(r, j);
        acc += x * w_(i, j);
      }
      jll(r, i) = bias_.size() > 0 ? acc + bias_(i) : acc;
    }
  }
  return jll;
}

NdArray DiscreteNB::run(Method m, const MatrixView& X) const {
  if (!supports(m)) return detail::naive_bayes::output(*this, m, Matrix(), p_.classes);
  return detail::naive_bayes::output(*this, m, joint_log_likelihood(X), p_.classes);
}

Matrix DiscreteNB::joint_log_likelihood(const CsrMatrix& X) const {
  detail::check_finite_sparse(*this, X);
  const bool binarize = p_.kind == DiscreteNBKind::Bernoulli && p_.has_binarize;
  if (binarize && p_.binarize < 0)
    throw InputError("cannot binarize a sparse matrix with threshold < 0 (BernoulliNB binarize=" +
                     std::to_string(p_.binarize) + ")");
  const double threshold = p_.binarize;
  Matrix jll = binarize ? detail::csr_times_transpose(
                              X, w_, [threshold](double x) { return x > threshold ? 1.0 : 0.0; })
                        : detail::csr_times_transpose(X, w_);
  if (bias_.size() > 0) jll.rowwise() += bias_.transpose();
  return jll;
}

NdArray DiscreteNB::on_sparse(Method m, const CsrMatrix& X) const {
  if (!supports(m)) return detail::naive_bayes::output(*this, m, Matrix(), p_.classes);
  return detail::naive_bayes::output(*this, m, joint_log_likelihood(X), p_.classes);
}

namespace detail::naive_bayes {

std::unique_ptr<DiscreteNB> build_discrete(DiscreteNBKind kind, const ObjectView& obj) {
  DiscreteNBParams p;
  p.kind = kind;
  const ValueView cv = obj.at("classes_");
  p.classes = detail::read_classes(cv);
  p.feature_log_prob = detail::numpy_array(obj.at("feature_log_prob_"), "feature_log_prob_");
  p.class_log_prior = detail::numpy_array(obj.at("class_log_prior_"), "class_log_prior_");
  if (const auto v = obj.find("class_count_"))
    p.class_count = detail::numpy_array(*v, "class_count_");
  if (const auto v = obj.find("feature_count_")) {
    p.feature_count = detail::numpy_array(*v, "feature_count_");
  }
  if (kind == DiscreteNBKind::Complement) {
    if (const auto v = obj.find("feature_all_"))
      p.feature_all = detail::numpy_array(*v, "feature_all_");
    if (const auto v = obj.find("norm")) p.norm = v->as_bool();
  }
  if (kind == DiscreteNBKind::Bernoulli) {
    // BernoulliNB._check_X binarizes only when binarize is not None.
    p.has_binarize = detail::optional_real(obj, "binarize", p.binarize);
  }
  if (const auto v = obj.find("alpha"); v && v->node().kind == NodeKind::Json) {
    p.alpha = v->as_double();
  }
  if (const auto v = obj.find("fit_prior")) p.fit_prior = v->as_bool();
  validate_discrete(p, detail::attribute_fail(obj));
  auto est = DiscreteNB::from_arrays(std::move(p));
  if (const auto n = obj.find("n_features_in_")) {
    if (n->as_int() != est->n_features_in()) {
      n->fail("n_features_in_ = " + std::to_string(n->as_int()) +
              " does not match feature_log_prob_ (" + std::to_string(est->n_features_in()) +
              " features)");
    }
  }
  est->classes_node_ = cv.ptr();
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_discrete(const DiscreteNB& est, ObjectWriter& w) {
  const DiscreteNBParams& p = est.params();
  if (!est.original_state()) {
    w.set_real("alpha", p.alpha);
    if (p.kind == DiscreteNBKind::Bernoulli) {
      if (p.has_binarize) {
        w.set_real("binarize", p.binarize);
      } else {
        w.set_none("binarize");
      }
    }
    w.set_bool("fit_prior", p.fit_prior);
    w.set_none("class_prior");
    if (p.kind == DiscreteNBKind::Complement) w.set_bool("norm", p.norm);
    // force_alpha arrived in 1.2 with the default "warn"; it is True from 1.4.
    if (w.ctx().target_at_least(1, 4)) {
      w.set_bool("force_alpha", true);
    } else {
      w.set_str("force_alpha", "warn");
    }
  }
  w.set_int("n_features_in_", est.n_features_in());
  w.set("classes_", est.classes_node_ ? est.classes_node_ : make::array(p.classes));
  if (p.class_count.ndim() == 1) w.set_array("class_count_", p.class_count);
  if (p.feature_count.ndim() == 2) w.set_array("feature_count_", p.feature_count);
  if (p.feature_all.ndim() == 1) w.set_array("feature_all_", p.feature_all);
  w.set_array("feature_log_prob_", p.feature_log_prob);
  w.set_array("class_log_prior_", p.class_log_prior);
}

}  // namespace detail::naive_bayes
}  // namespace skops::estimators
