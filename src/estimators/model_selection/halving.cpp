// HalvingGridSearchCV and HalvingRandomSearchCV: a BaseSearchCV whose methods are
// best_estimator_'s, plus the successive-halving schedule, which is read and checked here
// and otherwise carried unchanged (like cv_results_, scorer_ and the splitter
// _checked_cv_orig, which are never built). Same attributes in 1.2.1 and 1.4.2:
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/model_selection/_search_successive_halving.py
// (_run_search: n_iterations_ = n_required_iterations_ with aggressive_elimination, else
// the smaller of n_possible_iterations_ and n_required_iterations_; one n_resources_ and one
// n_candidates_ entry per iteration, resources min(int(factor**power * min_resources_),
// max_resources_), candidates ceil(previous / factor)).

#include <algorithm>
#include <cmath>

#include "estimators/model_selection/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::model_selection {

namespace {

std::vector<std::int64_t> int_list(const ValueView& v) {
  std::vector<std::int64_t> out;
  for (const ValueView& item : v.items()) out.push_back(item.as_int());
  return out;
}

HalvingSchedule read_schedule(const ObjectView& obj) {
  HalvingSchedule s;
  s.n_iterations = obj.integer("n_iterations_");
  s.n_required_iterations = obj.integer("n_required_iterations_");
  s.n_possible_iterations = obj.integer("n_possible_iterations_");
  s.min_resources = obj.integer("min_resources_");
  s.max_resources = obj.integer("max_resources_");
  s.resource = obj.str("resource");
  s.factor = obj.real("factor");
  s.aggressive_elimination = obj.boolean("aggressive_elimination");
  const ValueView res = obj.at("n_resources_");
  const ValueView cand = obj.at("n_candidates_");
  s.n_resources = int_list(res);
  s.n_candidates = int_list(cand);
  if (!(s.factor > 0) || !std::isfinite(s.factor)) obj.at("factor").fail("factor must be > 0");
  if (s.n_iterations < 1 || s.n_required_iterations < 1 || s.n_possible_iterations < 1) {
    obj.at("n_iterations_").fail("the iteration counts must be >= 1");
  }
  const std::int64_t expected = s.aggressive_elimination
                                    ? s.n_required_iterations
                                    : std::min(s.n_possible_iterations, s.n_required_iterations);
  if (s.n_iterations != expected) {
    obj.at("n_iterations_")
        .fail("n_iterations_ " + std::to_string(s.n_iterations) +
              " disagrees with n_required_iterations_ / "
              "n_possible_iterations_ / aggressive_elimination");
  }
  if (s.min_resources < 1 || s.max_resources < s.min_resources) {
    obj.at("min_resources_").fail("need 1 <= min_resources_ <= max_resources_");
  }
  const auto n = static_cast<std::size_t>(s.n_iterations);
  if (s.n_resources.size() != n) res.fail("n_resources_ needs one entry per iteration");
  if (s.n_candidates.size() != n) cand.fail("n_candidates_ needs one entry per iteration");
  for (std::size_t i = 0; i < n; ++i) {
    if (s.n_resources[i] < 1 || s.n_resources[i] > s.max_resources ||
        (i > 0 && s.n_resources[i] < s.n_resources[i - 1])) {
      res.fail("n_resources_ must be non-decreasing in [1, max_resources_]");
    }
    if (s.n_candidates[i] < 1 || (i > 0 && s.n_candidates[i] > s.n_candidates[i - 1])) {
      cand.fail("n_candidates_ must be non-increasing and >= 1");
    }
  }
  return s;
}

}  // namespace

std::unique_ptr<SearchCV> build_halving_search(const ObjectView& obj) {
  std::unique_ptr<SearchCV> est = build_search(obj);
  est->set_halving(read_schedule(obj));
  return est;
}

}  // namespace skops::estimators::detail::model_selection
