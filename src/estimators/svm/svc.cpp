// sklearn.svm.SVC and NuSVC (sklearn/svm/_base.py, BaseSVC).
//  - decision_function: libsvm's one-vs-one values; binary → their negation, 1-d
//    (BaseLibSVM._decision_function); more than 2 classes with decision_function_shape="ovr"
//    → sklearn.utils.multiclass._ovr_decision_function(dec < 0, -dec, n_classes).
//  - predict: libsvm's vote (svm_predict), or with break_ties (ovr, > 2 classes) the argmax
//    of the ovr decision function; then classes_.take.
//  - predict_proba: libsvm's svm_predict_probability; predict_log_proba = log of it.

#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/svm/internal.hpp"
#include "estimators/svm/io.hpp"
#include "estimators/svm/libsvm.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

// sklearn/utils/multiclass.py _ovr_decision_function, same operations in the same order.
Matrix ovr_decision(const Matrix& dec, std::int64_t k) {
  const Eigen::Index n = dec.rows();
  Matrix votes = Matrix::Zero(n, k);
  Matrix conf_sum = Matrix::Zero(n, k);
  Eigen::Index p = 0;
  for (Eigen::Index i = 0; i < k; ++i) {
    for (Eigen::Index j = i + 1; j < k; ++j) {
      for (Eigen::Index r = 0; r < n; ++r) {
        const double confidence = -dec(r, p);
        conf_sum(r, i) -= confidence;
        conf_sum(r, j) += confidence;
        if (dec(r, p) < 0) {
          votes(r, j) += 1;
        } else {
          votes(r, i) += 1;
        }
      }
      ++p;
    }
  }
  Matrix out(n, k);
  for (Eigen::Index r = 0; r < n; ++r) {
    for (Eigen::Index c = 0; c < k; ++c) {
      const double s = conf_sum(r, c);
      out(r, c) = votes(r, c) + s / (3 * (std::fabs(s) + 1));
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<SVC> SVC::from_arrays(SVCParams p) {
  const std::string who = p.nu ? detail::svm::kNuSVCType : detail::svm::kSVCType;
  const detail::Fail fail = detail::native_fail(who);
  detail::check_classes(p.classes, fail);
  if (p.decision_function_shape != "ovr" && p.decision_function_shape != "ovo") {
    fail("decision_function_shape must be 'ovr' or 'ovo'");
  }
  auto est = std::make_unique<SVC>();
  est->eval_ = std::make_shared<detail::LibsvmEval>(
      p.model, static_cast<std::int64_t>(p.classes.size()), fail);
  est->set_n_features_in(est->eval_->n_features());
  est->set_type_name(who);
  est->p_ = std::move(p);
  return est;
}

bool SVC::supports(Method m) const noexcept {
  switch (m) {
    case Method::Predict:
    case Method::DecisionFunction:
      return true;
    case Method::PredictProba:
    case Method::PredictLogProba:
      return p_.probability && eval_->has_probability();
    default:
      return false;
  }
}

NdArray SVC::run(Method m, const MatrixView& X) const {
  if (!supports(m)) {
    throw UnsupportedError(std::string(to_string(m)) + " is not available for " + type_name() +
                           (m == Method::PredictProba || m == Method::PredictLogProba
                                ? " (fitted without probability=True)"
                                : ""));
  }
  check_finite_input(X);
  const std::int64_t k = eval_->n_classes();
  const Eigen::Index n = X.rows();
  if (m == Method::PredictProba || m == Method::PredictLogProba) {
    Matrix prob(n, k);
    for (Eigen::Index r = 0; r < n; ++r) eval_->probability(X.row(r).data(), prob.row(r).data());
    if (m == Method::PredictLogProba) prob = prob.array().log().matrix();
    return to_ndarray(prob);
  }
  Matrix dec(n, k * (k - 1) / 2);
  std::vector<std::int64_t> vote(static_cast<std::size_t>(n));
  for (Eigen::Index r = 0; r < n; ++r) {
    vote[static_cast<std::size_t>(r)] = eval_->ovo(X.row(r).data(), dec.row(r).data());
  }
  const bool ovr = p_.decision_function_shape == "ovr";
  if (m == Method::DecisionFunction) {
    if (k == 2) return to_ndarray(Eigen::VectorXd(-dec.col(0)));
    return to_ndarray(ovr ? ovr_decision(dec, k) : dec);
  }
  if (p_.break_ties && !ovr) {
    throw UnsupportedError("break_ties must be False when decision_function_shape is 'ovo'");
  }
  if (p_.break_ties && k > 2) vote = detail::argmax_rows(ovr_decision(dec, k));
  return detail::take_labels(p_.classes, vote);
}

namespace detail::svm {

std::unique_ptr<SVC> build_svc(const ObjectView& obj, bool nu) {
  SVCParams p;
  Nodes nodes;
  p.model = read_model(obj, nodes);
  p.nu = nu;
  p.classes = detail::read_classes(obj.at("classes_"));
  if (const auto v = obj.find("decision_function_shape")) p.decision_function_shape = v->as_str();
  if (const auto v = obj.find("break_ties")) p.break_ties = v->as_bool();
  if (const auto v = obj.find("probability")) p.probability = v->as_bool();
  for (const char* key : {"classes_", "decision_function_shape", "break_ties", "probability"}) {
    keep(obj, key, nodes);
  }
  const detail::Fail fail = [&](const std::string& w) { obj.fail(w); };
  detail::check_classes(p.classes, fail);
  if (p.decision_function_shape != "ovr" && p.decision_function_shape != "ovo") {
    obj.at("decision_function_shape").fail("decision_function_shape must be 'ovr' or 'ovo'");
  }
  // Validate with the object's pointer before the native path re-checks.
  detail::LibsvmEval(p.model, static_cast<std::int64_t>(p.classes.size()), fail);
  check_n_features(obj, p.model.support_vectors.dim(1));
  auto est = SVC::from_arrays(std::move(p));
  est->nodes_ = std::move(nodes);
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_svc(const SVC& est, ObjectWriter& w) {
  if (est.original_state()) {
    write_nodes(est.nodes_, w);
    return;
  }
  const SVCParams& p = est.params();
  const std::int64_t k = static_cast<std::int64_t>(p.classes.size());
  if (p.nu) {
    w.set_real("nu", p.nu_value);
    w.set_real("C", 0.0);
  } else {
    w.set_real("C", p.C);
    w.set_real("nu", 0.0);
  }
  w.set_real("epsilon", 0.0);
  w.set_bool("probability", p.probability);
  w.set_str("decision_function_shape", p.decision_function_shape);
  w.set_bool("break_ties", p.break_ties);
  w.set_array("class_weight_",
              NdArray::from_vector(std::vector<double>(static_cast<std::size_t>(k), 1.0)));
  w.set_array("classes_", p.classes);
  write_native(p.model, k == 2, k * (k - 1) / 2, w);
}

}  // namespace detail::svm
}  // namespace skops::estimators
