// sklearn.svm.SVR, NuSVR and OneClassSVM (sklearn/svm/_classes.py, _base.py):
//  - SVR/NuSVR predict = libsvm's sum(coef * K) - rho (float64, 1-d).
//  - OneClassSVM decision_function = the same value; predict = +1 if it is > 0 else -1 (as
//    libsvm's svm_predict, cast to intp); score_samples = decision_function + offset_ with
//    offset_ = -_intercept_.

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/svm/internal.hpp"
#include "estimators/svm/io.hpp"
#include "estimators/svm/libsvm.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

Eigen::VectorXd values(const detail::LibsvmEval& eval, const MatrixView& X) {
  Eigen::VectorXd out(X.rows());
  for (Eigen::Index r = 0; r < X.rows(); ++r) out(r) = eval.value(X.row(r).data());
  return out;
}

}  // namespace

std::unique_ptr<SVR> SVR::from_arrays(SVRParams p) {
  const std::string who = p.nu ? detail::svm::kNuSVRType : detail::svm::kSVRType;
  auto est = std::make_unique<SVR>();
  est->eval_ = std::make_shared<detail::LibsvmEval>(p.model, 0, detail::native_fail(who));
  est->set_n_features_in(est->eval_->n_features());
  est->set_type_name(who);
  est->p_ = std::move(p);
  return est;
}

NdArray SVR::run(Method m, const MatrixView& X) const {
  if (!supports(m)) {
    throw UnsupportedError(std::string(to_string(m)) + " is not available for " + type_name());
  }
  check_finite_input(X);
  return to_ndarray(values(*eval_, X));
}

std::unique_ptr<OneClassSVM> OneClassSVM::from_arrays(OneClassSVMParams p) {
  auto est = std::make_unique<OneClassSVM>();
  est->eval_ =
      std::make_shared<detail::LibsvmEval>(p.model, 0, detail::native_fail(detail::svm::kOneClassSVMType));
  est->set_n_features_in(est->eval_->n_features());
  est->set_type_name(detail::svm::kOneClassSVMType);
  est->p_ = std::move(p);
  return est;
}

bool OneClassSVM::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::DecisionFunction || m == Method::ScoreSamples;
}

NdArray OneClassSVM::run(Method m, const MatrixView& X) const {
  if (!supports(m)) {
    throw UnsupportedError(std::string(to_string(m)) + " is not available for " + type_name());
  }
  check_finite_input(X);
  Eigen::VectorXd dec = values(*eval_, X);
  if (m == Method::DecisionFunction) return to_ndarray(dec);
  if (m == Method::ScoreSamples) {
    const double offset = -p_.model.intercept.to_vector<double>()[0];
    for (Eigen::Index i = 0; i < dec.size(); ++i) dec(i) += offset;
    return to_ndarray(dec);
  }
  std::vector<std::int64_t> label(static_cast<std::size_t>(dec.size()));
  for (Eigen::Index i = 0; i < dec.size(); ++i)
    label[static_cast<std::size_t>(i)] = dec(i) > 0 ? 1 : -1;
  return NdArray::from_vector(label);
}

namespace detail::svm {

std::unique_ptr<SVR> build_svr(const ObjectView& obj, bool nu) {
  SVRParams p;
  Nodes nodes;
  p.model = read_model(obj, nodes);
  p.nu = nu;
  const detail::Fail fail = [&](const std::string& w) { obj.fail(w); };
  detail::LibsvmEval(p.model, 0, fail);
  check_n_features(obj, p.model.support_vectors.dim(1));
  auto est = SVR::from_arrays(std::move(p));
  est->nodes_ = std::move(nodes);
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_svr(const SVR& est, ObjectWriter& w) {
  if (est.original_state()) {
    write_nodes(est.nodes_, w);
    return;
  }
  const SVRParams& p = est.params();
  w.set_real("C", p.C);
  w.set_real("nu", p.nu ? p.nu_value : 0.0);
  w.set_real("epsilon", p.nu ? 0.0 : p.epsilon);
  w.set_bool("probability", false);
  write_native(p.model, false, 1, w);
}

std::unique_ptr<OneClassSVM> build_one_class(const ObjectView& obj) {
  OneClassSVMParams p;
  Nodes nodes;
  p.model = read_model(obj, nodes);
  keep(obj, "offset_", nodes);
  const detail::Fail fail = [&](const std::string& w) { obj.fail(w); };
  detail::LibsvmEval(p.model, 0, fail);
  check_n_features(obj, p.model.support_vectors.dim(1));
  auto est = OneClassSVM::from_arrays(std::move(p));
  est->nodes_ = std::move(nodes);
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_one_class(const OneClassSVM& est, ObjectWriter& w) {
  if (est.original_state()) {
    write_nodes(est.nodes_, w);
    return;
  }
  const OneClassSVMParams& p = est.params();
  w.set_real("C", 0.0);
  w.set_real("nu", p.nu);
  w.set_real("epsilon", 0.0);
  w.set_bool("probability", false);
  write_native(p.model, false, 1, w);
  auto off = p.model.intercept.to_vector<double>();
  for (double& v : off) v = -v;
  w.set_array("offset_", NdArray::from_vector(off));
}

}  // namespace detail::svm
}  // namespace skops::estimators
