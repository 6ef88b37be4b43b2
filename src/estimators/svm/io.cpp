#include "estimators/svm/io.hpp"

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/svm/libsvm.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::svm {

namespace {

NodePtr f64_scalar(double v) {
  return make::numpy_scalar(NdArray::from_vector(std::vector<double>{v}, {}));
}

NdArray negated(const NdArray& a) {
  auto v = a.to_vector<double>();
  // libsvm_helper.c copy_intercept avoids -0.0; sklearn then multiplies by -1 in place,
  // which turns 0 into -0.0 exactly as this does.
  for (double& x : v) x = -x;
  return NdArray::from_vector(v, a.shape());
}

}  // namespace

void keep(const ObjectView& obj, const std::string& key, Nodes& nodes) {
  if (const auto v = obj.find(key)) nodes.emplace_back(key, v->ptr());
}

LibsvmModel read_model(const ObjectView& obj, Nodes& nodes) {
  if (const auto sp = obj.find("_sparse"); sp && sp->as_bool()) {
    throw UnsupportedError(
        "SVMs fitted on sparse data (support_vectors_ as a sparse matrix) "
        "are not supported",
        "", sp->pointer());
  }
  const ValueView kv = obj.at("kernel");
  if (kv.node().kind != NodeKind::Json || kv.node().scalar != ScalarKind::Str) {
    throw UnsupportedError("callable kernels are not supported", "", kv.pointer());
  }
  const std::string kname = kv.as_str();
  if (kname == "precomputed") {
    throw UnsupportedError("kernel='precomputed' is not supported", "", kv.pointer());
  }
  LibsvmModel m;
  m.kernel = detail::kernel_from_name(kname, [&](const std::string& w) { kv.fail(w); });
  m.degree = obj.integer("degree");
  m.gamma = obj.real("_gamma");
  m.coef0 = obj.real("coef0");
  m.support_vectors = detail::numpy_array(obj.at("support_vectors_"), "support_vectors_");
  m.support = detail::numpy_array(obj.at("support_"), "support_");
  m.n_support = detail::numpy_array(obj.at("_n_support"), "_n_support");
  m.dual_coef = detail::numpy_array(obj.at("_dual_coef_"), "_dual_coef_");
  m.intercept = detail::numpy_array(obj.at("_intercept_"), "_intercept_");
  // probA_/probB_ were public attributes before scikit-learn 1.0.
  for (const char* key : {"_probA", "probA_"}) {
    if (const auto v = obj.find(key)) {
      m.prob_a = detail::numpy_array(*v, key);
      break;
    }
  }
  for (const char* key : {"_probB", "probB_"}) {
    if (const auto v = obj.find(key)) {
      m.prob_b = detail::numpy_array(*v, key);
      break;
    }
  }
  for (const char* key : {"kernel", "degree", "_gamma", "coef0", "support_vectors_", "support_",
                          "_n_support", "_dual_coef_", "_intercept_", "dual_coef_", "intercept_",
                          "_probA", "_probB", "probA_", "probB_"}) {
    keep(obj, key, nodes);
  }
  // The public coefficient arrays must at least have the private ones' shapes.
  for (const auto& [pub, priv] :
       {std::pair<const char*, const NdArray*>{"dual_coef_", &m.dual_coef},
        std::pair<const char*, const NdArray*>{"intercept_", &m.intercept}}) {
    if (const auto v = obj.find(pub)) {
      const NdArray a = detail::numpy_array(*v, pub);
      if (a.shape() != priv->shape()) v->fail(std::string(pub) + " shape differs from _" + pub);
    }
  }
  return m;
}

void write_nodes(const Nodes& nodes, ObjectWriter& w) {
  for (const auto& [key, node] : nodes) w.set(key, node);
}

void check_n_features(const ObjectView& obj, std::int64_t n_features) {
  if (const auto n = obj.find("n_features_in_")) {
    if (n->as_int() != n_features) {
      n->fail("n_features_in_ = " + std::to_string(n->as_int()) +
              " does not match support_vectors_ (" + std::to_string(n_features) + " columns)");
    }
  }
}

void write_native(const LibsvmModel& m, bool flip_sign, std::int64_t n_models, ObjectWriter& w) {
  w.set_str("kernel", detail::kernel_name(m.kernel));
  w.set_int("degree", m.degree);
  w.set_real("gamma", m.gamma);
  w.set_real("coef0", m.coef0);
  w.set_real("tol", 0.001);
  w.set_real("cache_size", 200.0);
  w.set_none("class_weight");
  w.set_bool("verbose", false);
  w.set_int("max_iter", -1);
  w.set_none("random_state");
  w.set_bool("shrinking", true);
  w.set_bool("_sparse", false);
  w.set_int("n_features_in_", m.support_vectors.dim(1));
  w.set("_gamma", f64_scalar(m.gamma));
  w.set_array("support_", m.support);
  w.set_array("support_vectors_", m.support_vectors);
  w.set_array("_n_support", m.n_support);
  const NdArray empty = NdArray::from_vector(std::vector<double>{});
  const NdArray pa = m.prob_a.ndim() > 0 ? m.prob_a : empty;
  const NdArray pb = m.prob_b.ndim() > 0 ? m.prob_b : empty;
  w.set_array("_probA", pa);
  w.set_array("_probB", pb);
  w.set_int("fit_status_", 0);
  const NodePtr n_iter = make::array(
      NdArray::from_vector(std::vector<std::int32_t>(static_cast<std::size_t>(n_models), 0)));
  w.set("_num_iter", n_iter);
  w.set("n_iter_", n_iter);
  w.set("shape_fit_", make::tuple({make::integer(m.support_vectors.dim(0)),
                                   make::integer(m.support_vectors.dim(1))}));
  w.set_array("_intercept_", m.intercept);
  const NodePtr dual = make::array(m.dual_coef);
  w.set("_dual_coef_", dual);
  if (flip_sign) {
    w.set_array("intercept_", negated(m.intercept));
    w.set_array("dual_coef_", negated(m.dual_coef));
  } else {
    w.set_array("intercept_", m.intercept);
    w.set("dual_coef_", dual);
  }
  w.set_str("_sklearn_version", w.ctx().sklearn_version());
}

}  // namespace skops::estimators::detail::svm
