// Reading and writing MLPClassifier / MLPRegressor attributes. What predict needs:
// coefs_, intercepts_, activation, out_activation_, n_layers_, n_outputs_, and for the
// classifier its _label_binarizer (sklearn.preprocessing._label.LabelBinarizer). The
// optimizer state (_optimizer), loss curves and RandomState are kept verbatim on re-save.

#include "estimators/neural_network/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::neural_network {

namespace {

std::vector<NdArray> read_layers(const ObjectView& obj, const std::string& key) {
  const ValueView v = obj.at(key);
  if (v.node().kind != NodeKind::List) v.fail(key + " must be a list of arrays");
  std::vector<NdArray> out;
  for (const ValueView& item : v.items()) out.push_back(detail::numpy_array(item, key + " item"));
  return out;
}

NodePtr layers_node(const std::vector<NdArray>& layers) {
  std::vector<NodePtr> items;
  for (const NdArray& a : layers) items.push_back(make::array(a));
  return make::list(std::move(items));
}

}  // namespace

std::unique_ptr<MLP> build_mlp(const ObjectView& obj, bool classifier) {
  MLPParams p;
  p.coefs = read_layers(obj, "coefs_");
  p.intercepts = read_layers(obj, "intercepts_");
  p.activation = obj.str("activation");
  p.out_activation = obj.str("out_activation_");
  std::vector<std::pair<std::string, NodePtr>> nodes;
  for (const char* key : {"coefs_", "intercepts_", "activation", "out_activation_", "n_layers_",
                          "n_outputs_", "n_features_in_", "classes_", "_label_binarizer"}) {
    if (const auto v = obj.find(key)) nodes.emplace_back(key, v->ptr());
  }
  if (classifier) {
    const ValueView lbv = obj.at("_label_binarizer");
    if (lbv.node().kind != NodeKind::Object ||
        lbv.node().type_name() != "sklearn.preprocessing._label.LabelBinarizer") {
      lbv.fail("_label_binarizer must be a sklearn.preprocessing._label.LabelBinarizer object");
    }
    const ObjectView lb(lbv.ptr(), obj.ctx());
    if (const auto si = lb.find("sparse_input_"); si && si->as_bool()) {
      throw UnsupportedError(
          "MLPClassifier fitted on sparse labels (sparse predictions) is not "
          "supported",
          "", si->pointer());
    }
    p.classes = detail::read_classes(lb.at("classes_"));
    p.y_type = lb.str("y_type_");
    p.pos_label = lb.real("pos_label");
    p.neg_label = lb.real("neg_label");
  }
  const detail::Fail fail = [&](const std::string& w) { obj.fail(w); };
  validate(p, classifier, fail);
  if (const auto v = obj.find("n_layers_")) {
    if (v->as_int() != static_cast<std::int64_t>(p.coefs.size()) + 1) {
      v->fail("n_layers_ = " + std::to_string(v->as_int()) + " does not match coefs_ (" +
              std::to_string(p.coefs.size()) + " weight matrices)");
    }
  }
  if (const auto v = obj.find("n_outputs_")) {
    if (v->as_int() != p.coefs.back().dim(1)) {
      v->fail("n_outputs_ does not match the output layer width " +
              std::to_string(p.coefs.back().dim(1)));
    }
  }
  if (const auto v = obj.find("n_features_in_")) {
    if (v->as_int() != p.coefs.front().dim(0)) {
      v->fail("n_features_in_ = " + std::to_string(v->as_int()) + " does not match coefs_[0] (" +
              std::to_string(p.coefs.front().dim(0)) + " rows)");
    }
  }
  if (classifier) {
    if (const auto v = obj.find("classes_")) {
      const NdArray c = detail::read_classes(*v);
      if (c != p.classes) v->fail("classes_ differs from _label_binarizer.classes_");
    }
  }
  auto est = MLP::from_arrays(std::move(p), classifier);
  est->nodes_ = std::move(nodes);
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_mlp(const MLP& est, ObjectWriter& w) {
  if (est.original_state()) {
    for (const auto& [key, node] : est.nodes_) w.set(key, node);
    return;
  }
  const MLPParams& p = est.params();
  std::vector<NodePtr> hidden;
  for (std::size_t i = 0; i + 1 < p.coefs.size(); ++i)
    hidden.push_back(make::integer(p.coefs[i].dim(1)));
  w.set_str("activation", p.activation);
  w.set_str("solver", "adam");
  w.set_real("alpha", 0.0001);
  w.set_str("batch_size", "auto");
  w.set_str("learning_rate", "constant");
  w.set_real("learning_rate_init", 0.001);
  w.set_real("power_t", 0.5);
  w.set_int("max_iter", 200);
  w.set_str("loss", est.classifier() ? "log_loss" : "squared_error");
  w.set("hidden_layer_sizes", make::tuple(std::move(hidden)));
  w.set_bool("shuffle", true);
  w.set_none("random_state");
  w.set_real("tol", 0.0001);
  w.set_bool("verbose", false);
  w.set_bool("warm_start", false);
  w.set_real("momentum", 0.9);
  w.set_bool("nesterovs_momentum", true);
  w.set_bool("early_stopping", false);
  w.set_real("validation_fraction", 0.1);
  w.set_real("beta_1", 0.9);
  w.set_real("beta_2", 0.999);
  w.set_real("epsilon", 1e-08);
  w.set_int("n_iter_no_change", 10);
  w.set_int("max_fun", 15000);
  w.set_int("n_features_in_", est.n_features_in());
  if (est.classifier()) {
    const NodePtr classes = make::array(p.classes);
    const bool int_labels =
        p.pos_label == static_cast<double>(static_cast<std::int64_t>(p.pos_label)) &&
        p.neg_label == static_cast<double>(static_cast<std::int64_t>(p.neg_label));
    const auto label = [&](double v) {
      return int_labels ? make::integer(static_cast<std::int64_t>(v)) : make::real(v);
    };
    w.set("_label_binarizer",
          make::object("sklearn.preprocessing._label", "LabelBinarizer",
                       {{"neg_label", label(p.neg_label)},
                        {"pos_label", label(p.pos_label)},
                        {"sparse_output", make::boolean(false)},
                        {"y_type_", make::str(p.y_type)},
                        {"sparse_input_", make::boolean(false)},
                        {"classes_", classes},
                        {"_sklearn_version", make::str(w.ctx().sklearn_version())}}));
    w.set("classes_", classes);
  }
  w.set_int("n_outputs_", p.coefs.back().dim(1));
  w.set_int("n_iter_", 0);
  w.set_int("t_", 0);
  w.set_int("n_layers_", static_cast<std::int64_t>(p.coefs.size()) + 1);
  w.set_str("out_activation_", p.out_activation);
  w.set("coefs_", layers_node(p.coefs));
  w.set("intercepts_", layers_node(p.intercepts));
  w.set_str("_sklearn_version", w.ctx().sklearn_version());
}

}  // namespace skops::estimators::detail::neural_network
