// sklearn.discriminant_analysis.QuadraticDiscriminantAnalysis (sklearn/
// discriminant_analysis.py, QuadraticDiscriminantAnalysis._decision_function,
// decision_function, predict, predict_proba, predict_log_proba; 1.2.1 and 1.4.2 alike).
// rotations_ arrays may be Fortran-ordered in files; the npy reader hands them over in C
// order.

#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/error.hpp"
#include "estimators/discriminant_analysis/internal.hpp"
#include "skops/estimators/discriminant_analysis.hpp"

namespace skops::estimators {

namespace {

constexpr const char* kQdaType = "sklearn.discriminant_analysis.QuadraticDiscriminantAnalysis";

void validate_qda(const QDAParams& p, const detail::Fail& fail) {
  detail::check_classes(p.classes, fail);
  const auto k = static_cast<std::int64_t>(p.classes.size());
  if (k < 2) fail("QuadraticDiscriminantAnalysis needs at least 2 classes");
  detail::check_float_array(p.means, "means_", 2, {k, -1}, fail);
  const std::int64_t nf = p.means.dim(1);
  if (nf < 1) fail("means_ has no feature column");
  detail::check_float_array(p.priors, "priors_", 1, {k}, fail);
  if (static_cast<std::int64_t>(p.scalings.size()) != k) {
    fail("scalings_ has " + std::to_string(p.scalings.size()) + " entries for " +
         std::to_string(k) + " classes");
  }
  if (static_cast<std::int64_t>(p.rotations.size()) != k) {
    fail("rotations_ has " + std::to_string(p.rotations.size()) + " entries for " +
         std::to_string(k) + " classes");
  }
  for (std::size_t i = 0; i < p.scalings.size(); ++i) {
    const std::string si = "scalings_[" + std::to_string(i) + "]";
    detail::check_float_array(p.scalings[i], si, 1, {}, fail);
    detail::check_float_array(p.rotations[i], "rotations_[" + std::to_string(i) + "]", 2,
                            {nf, p.scalings[i].dim(0)}, fail);
  }
}

}  // namespace

std::unique_ptr<QuadraticDiscriminantAnalysis> QuadraticDiscriminantAnalysis::from_arrays(
    QDAParams p) {
  validate_qda(p, detail::native_fail(kQdaType));
  auto est = std::make_unique<QuadraticDiscriminantAnalysis>();
  est->means_ = detail::to_matrix2d(p.means);
  const Eigen::VectorXd priors = detail::to_vector1d(p.priors);
  const std::size_t k = p.scalings.size();
  est->u_.resize(static_cast<Eigen::Index>(k));
  est->log_prior_.resize(static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i) {
    const Eigen::VectorXd s = detail::to_vector1d(p.scalings[i]);
    Matrix r = detail::to_matrix2d(p.rotations[i]);
    std::vector<double> logs(static_cast<std::size_t>(s.size()));
    for (Eigen::Index c = 0; c < s.size(); ++c) {
      const double f = std::pow(s(c), -0.5);
      for (Eigen::Index j = 0; j < r.rows(); ++j) r(j, c) *= f;
      logs[static_cast<std::size_t>(c)] = std::log(s(c));
    }
    est->m_.push_back(std::move(r));
    const auto ii = static_cast<Eigen::Index>(i);
    est->u_(ii) = detail::numpy_sum(logs.data(), s.size());
    est->log_prior_(ii) = std::log(priors(ii));
  }
  est->set_type_name(kQdaType);
  est->set_n_features_in(p.means.dim(1));
  est->p_ = std::move(p);
  return est;
}

bool QuadraticDiscriminantAnalysis::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::PredictProba || m == Method::PredictLogProba ||
         m == Method::DecisionFunction;
}

Matrix QuadraticDiscriminantAnalysis::decision_scores(const MatrixView& X) const {
  check_finite_input(X);
  const auto k = static_cast<Eigen::Index>(m_.size());
  const Eigen::Index nf = means_.cols();
  Matrix d(X.rows(), k);
  std::vector<double> xm(static_cast<std::size_t>(nf)), x2;
  for (Eigen::Index i = 0; i < k; ++i) {
    const Matrix& m = m_[static_cast<std::size_t>(i)];
    x2.resize(static_cast<std::size_t>(m.cols()));
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      for (Eigen::Index j = 0; j < nf; ++j)
        xm[static_cast<std::size_t>(j)] = X(r, j) - means_(i, j);
      for (Eigen::Index c = 0; c < m.cols(); ++c) {
        double acc = 0.0;
        for (Eigen::Index j = 0; j < nf; ++j) acc += xm[static_cast<std::size_t>(j)] * m(j, c);
        x2[static_cast<std::size_t>(c)] = acc * acc;
      }
      const double norm2 = detail::numpy_sum(x2.data(), m.cols());
      d(r, i) = -0.5 * (norm2 + u_(i)) + log_prior_(i);
    }
  }
  return d;
}

NdArray QuadraticDiscriminantAnalysis::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + ": " + to_string(m) + " is not available");
  const Matrix d = decision_scores(X);
  switch (m) {
    case Method::DecisionFunction: {
      if (d.cols() == 2) {
        Eigen::VectorXd v = d.col(1) - d.col(0);
        return to_ndarray(v);
      }
      return to_ndarray(d);
    }
    case Method::Predict:
      return detail::take_labels(p_.classes, detail::argmax_rows(d));
    default:
      break;
  }
  Matrix p(d.rows(), d.cols());
  for (Eigen::Index r = 0; r < d.rows(); ++r) {
    const double mx = d.row(r).maxCoeff();
    for (Eigen::Index c = 0; c < d.cols(); ++c) p(r, c) = std::exp(d(r, c) - mx);
    const double s = detail::numpy_sum(p.row(r).data(), p.cols());
    for (Eigen::Index c = 0; c < d.cols(); ++c) {
      p(r, c) /= s;
      if (m == Method::PredictLogProba) p(r, c) = std::log(p(r, c));
    }
  }
  return to_ndarray(p);
}

namespace {

std::vector<NdArray> read_list(const ObjectView& obj, const std::string& key) {
  const ValueView v = obj.at(key);
  if (v.node().kind != NodeKind::List && v.node().kind != NodeKind::Tuple) {
    v.fail(key + " must be a list of arrays");
  }
  std::vector<NdArray> out;
  for (const ValueView& item : v.items()) out.push_back(detail::numpy_array(item, key + " item"));
  return out;
}

}  // namespace

namespace detail::discriminant_analysis {

void save_qda(const QuadraticDiscriminantAnalysis& est, ObjectWriter& w) {
  const QDAParams& p = est.params();
  if (!est.original_state()) {
    w.set_none("priors");
    w.set_real("reg_param", p.reg_param);
    w.set_bool("store_covariance", false);
    w.set_real("tol", p.tol);
  }
  w.set_int("n_features_in_", est.n_features_in());
  w.set("classes_", est.classes_node_ ? est.classes_node_ : make::array(p.classes));
  w.set_array("priors_", p.priors);
  w.set_array("means_", p.means);
  std::vector<NodePtr> s, r;
  for (const NdArray& a : p.scalings) s.push_back(make::array(a));
  for (const NdArray& a : p.rotations) r.push_back(make::array(a));
  w.set("scalings_", make::list(std::move(s)));
  w.set("rotations_", make::list(std::move(r)));
}

std::unique_ptr<QuadraticDiscriminantAnalysis> build_qda(const ObjectView& obj) {
  QDAParams p;
  const ValueView cv = obj.at("classes_");
  p.classes = detail::read_classes(cv);
  p.means = detail::numpy_array(obj.at("means_"), "means_");
  p.priors = detail::numpy_array(obj.at("priors_"), "priors_");
  p.scalings = read_list(obj, "scalings_");
  p.rotations = read_list(obj, "rotations_");
  detail::optional_real(obj, "reg_param", p.reg_param);
  detail::optional_real(obj, "tol", p.tol);
  validate_qda(p, detail::attribute_fail(obj));
  auto est = QuadraticDiscriminantAnalysis::from_arrays(std::move(p));
  if (const auto n = obj.find("n_features_in_")) {
    if (n->as_int() != est->n_features_in()) {
      n->fail("n_features_in_ = " + std::to_string(n->as_int()) + " but means_ has " +
              std::to_string(est->n_features_in()) + " columns");
    }
  }
  est->classes_node_ = cv.ptr();
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

}  // namespace detail::discriminant_analysis

}  // namespace skops::estimators
