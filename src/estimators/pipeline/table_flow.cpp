// The table path shared by Pipeline, FeatureUnion and ColumnTransformer: a step's output on
// a table is a numeric array or (strings in it) what numpy calls an object array, kept as a
// positional Table so the next step sees each column with its type.

#include <algorithm>
#include <cmath>
#include <set>

#include "estimators/pipeline/steps.hpp"
#include "estimators/utils/nodes.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::pipeline {

Flow transform_flow(const Estimator& est, const Table& X, DType* dtype) {
  TableTransform out = est.transform_any(X);
  if (auto* t = std::get_if<Table>(&out)) {
    if (t->n_rows() != X.n_rows()) throw InputError(est.type_name() + " changed the number of rows");
    if (all_numeric(*t)) {
      if (dtype) *dtype = columns_dtype(*t);
      return table_matrix(*t);
    }
    return std::move(*t);
  }
  const NdArray& a = std::get<NdArray>(out);
  if (a.ndim() != 2 || !a.is_numeric()) {
    throw UnsupportedError(est.type_name() + " produced a " + std::to_string(a.ndim()) + "-d " +
                           a.dtype().name() + " array where a numeric 2-d array is needed");
  }
  if (a.dim(0) != static_cast<std::int64_t>(X.n_rows()))
    throw InputError(est.type_name() + " changed the number of rows");
  if (dtype) *dtype = a.dtype();
  return to_matrix(a);
}

Flow transform_flow(const Estimator& est, const Flow& X) {
  if (const auto* t = std::get_if<Table>(&X)) return transform_flow(est, *t);
  return transform_matrix(est, std::get<Matrix>(X));
}

bool all_numeric(const Table& t) noexcept {
  for (std::size_t j = 0; j < t.n_cols(); ++j) {
    if (t.column(j).type() == ColumnType::String) return false;
  }
  return true;
}

DType columns_dtype(const Table& t) {
  bool any_float = false, any_int = false;
  for (std::size_t j = 0; j < t.n_cols(); ++j) {
    const Column& c = t.column(j);
    switch (c.type()) {
      case ColumnType::Float64: any_float = true; break;
      // A masked int/bool column is what pandas holds as float64 / object: NaN for missing.
      case ColumnType::Int64: (c.missing_count() ? any_float : any_int) = true; break;
      case ColumnType::Bool: if (c.missing_count()) any_float = true; break;
      case ColumnType::String: break;
    }
  }
  if (any_float || t.n_cols() == 0) return DType::float64();
  return any_int ? DType::int64() : DType::boolean();
}

Matrix table_matrix(const Table& t) {
  const auto rows = static_cast<Eigen::Index>(t.n_rows());
  Matrix out(rows, static_cast<Eigen::Index>(t.n_cols()));
  for (std::size_t j = 0; j < t.n_cols(); ++j) {
    const Column& c = t.column(j);
    const auto jj = static_cast<Eigen::Index>(j);
    if (c.type() == ColumnType::String)
      throw InputError("column " + c.name() + " holds strings where numbers are needed");
    if (c.type() == ColumnType::Float64) {
      const auto v = c.float64();
      for (Eigen::Index i = 0; i < rows; ++i) out(i, jj) = v[static_cast<std::size_t>(i)];
    } else {
      for (Eigen::Index i = 0; i < rows; ++i) out(i, jj) = c.as_double(static_cast<std::size_t>(i));
    }
  }
  return out;
}

Table take_columns(const Table& X, const std::vector<std::size_t>& columns) {
  std::vector<Column> cols;
  cols.reserve(columns.size());
  for (auto j : columns) cols.push_back(X.column(j));
  const bool unique = std::set<std::size_t>(columns.begin(), columns.end()).size() == columns.size();
  if (X.has_names() && unique) return Table(std::move(cols));
  return Table::positional(std::move(cols));
}

std::vector<Column> matrix_columns(const Matrix& m, const DType& dtype) {
  std::vector<Column> out;
  const auto rows = static_cast<std::size_t>(m.rows());
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    const std::string name = std::to_string(j);
    // An int block holds integers (values outside int64 or NaN would make the cast
    // undefined; such a block is kept as floats).
    bool integral = dtype.kind() == DTypeKind::Int;
    for (std::size_t i = 0; integral && i < rows; ++i) {
      const double x = m(static_cast<Eigen::Index>(i), j);
      integral = x >= -9.2e18 && x <= 9.2e18 && x == std::floor(x);
    }
    if (integral) {
      std::vector<std::int64_t> v(rows);
      for (std::size_t i = 0; i < rows; ++i) v[i] = static_cast<std::int64_t>(m(static_cast<Eigen::Index>(i), j));
      out.push_back(Column::int64(name, std::move(v)));
    } else if (dtype.kind() == DTypeKind::Bool) {
      std::vector<std::uint8_t> v(rows);
      for (std::size_t i = 0; i < rows; ++i) v[i] = m(static_cast<Eigen::Index>(i), j) != 0;
      out.push_back(Column::boolean(name, std::move(v)));
    } else {
      std::vector<double> v(rows);
      for (std::size_t i = 0; i < rows; ++i) v[i] = m(static_cast<Eigen::Index>(i), j);
      out.push_back(Column::float64(name, std::move(v)));
    }
  }
  return out;
}

NdArray table_result(const Table& t, const std::string& who) {
  const auto rows = static_cast<std::int64_t>(t.n_rows());
  const auto cols = static_cast<std::int64_t>(t.n_cols());
  if (all_numeric(t)) return estimators::detail::matrix_as(table_matrix(t), columns_dtype(t));
  std::vector<std::string> values;
  values.reserve(static_cast<std::size_t>(rows * cols));
  for (std::size_t i = 0; i < t.n_rows(); ++i) {
    for (std::size_t j = 0; j < t.n_cols(); ++j) {
      const Column& c = t.column(j);
      if (c.type() != ColumnType::String || c.is_missing(i)) {
        throw UnsupportedError(who + " returns an object array (strings mixed with numbers or "
                                     "missing values); call transform_any for it as a Table");
      }
      values.emplace_back(c.string_at(i));
    }
  }
  return NdArray::from_strings(values, {rows, cols});
}

FlowBlock passthrough_block(const Table& t) {
  if (all_numeric(t)) return {table_matrix(t), columns_dtype(t)};
  return {t, DType::float64()};
}

FlowBlock transform_block(const Estimator& est, const Table& X, bool weighted, double weight) {
  FlowBlock b;
  b.values = transform_flow(est, X, &b.dtype);
  if (weighted) {
    auto* m = std::get_if<Matrix>(&b.values);
    if (!m) {
      throw UnsupportedError(est.type_name() +
                             " returns strings, which a transformer weight cannot multiply");
    }
    *m *= block_weight(weight, b.dtype);
  }
  return b;
}

TableTransform hstack_flows(std::vector<FlowBlock> blocks, std::size_t rows) {
  const bool numeric = std::all_of(blocks.begin(), blocks.end(), [](const FlowBlock& b) {
    return std::holds_alternative<Matrix>(b.values);
  });
  if (numeric) {
    std::vector<Block> mats;
    for (auto& b : blocks) mats.push_back({std::move(std::get<Matrix>(b.values)), b.dtype});
    return hstack(mats, static_cast<Eigen::Index>(rows));
  }
  std::vector<Column> cols;
  for (auto& b : blocks) {
    if (auto* t = std::get_if<Table>(&b.values)) {
      for (std::size_t j = 0; j < t->n_cols(); ++j) cols.push_back(t->column(j));
    } else {
      for (auto& c : matrix_columns(std::get<Matrix>(b.values), b.dtype)) cols.push_back(std::move(c));
    }
  }
  return Table::positional(std::move(cols));
}

}  // namespace skops::estimators::detail::pipeline
