#pragma once
/// \file ndarray.hpp
/// numpy dtypes and n-dimensional arrays as skops-cpp holds them: always C order and
/// native (little-endian) byte order in memory, whatever the file used; the bytes live in a
/// shared, immutable buffer that is either owned heap memory or a view into a mapping.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "skops/error.hpp"

namespace skops {

/// Kind letters as numpy's dtype.kind: b i u f c S U V, plus Structured for record dtypes.
enum class DTypeKind { Bool, Int, UInt, Float, Complex, Bytes, Unicode, Void, Structured };

class DType;

/// One field of a structured dtype. Padding appears as a field with an empty name and a
/// Void type (numpy writes e.g. `('', '|V7')`).
struct DTypeField {
  std::string name;
  std::shared_ptr<const DType> type;
  std::uint64_t offset = 0;
  std::vector<std::int64_t> subshape;  ///< (name, descr, shape) form; empty when scalar
};

class DType {
 public:
  DType() = default;
  /// A scalar dtype. itemsize is in bytes (for Unicode: 4 × characters).
  DType(DTypeKind kind, std::uint64_t itemsize);
  /// A structured dtype; fields are packed in order (offsets computed), itemsize the sum.
  static DType structured(std::vector<DTypeField> fields);

  static DType float64() { return DType(DTypeKind::Float, 8); }
  static DType float32() { return DType(DTypeKind::Float, 4); }
  static DType int64() { return DType(DTypeKind::Int, 8); }
  static DType int32() { return DType(DTypeKind::Int, 4); }
  static DType uint8() { return DType(DTypeKind::UInt, 1); }
  static DType boolean() { return DType(DTypeKind::Bool, 1); }
  /// numpy '<U{chars}'.
  static DType unicode(std::uint64_t chars) { return DType(DTypeKind::Unicode, 4 * chars); }

  DTypeKind kind() const noexcept { return kind_; }
  std::uint64_t itemsize() const noexcept { return itemsize_; }
  const std::vector<DTypeField>& fields() const noexcept;
  /// Field by name, or nullptr.
  const DTypeField* field(const std::string& name) const noexcept;
  bool is_structured() const noexcept { return kind_ == DTypeKind::Structured; }

  /// numpy descr for the native little-endian layout: "<f8", "|b1", "<U5", "|V7"; for
  /// structured dtypes the Python list literal "[('a', '<i8'), ...]".
  std::string descr() const;
  /// Short human form ("float64", "int32", "<U5", "struct{...}").
  std::string name() const;

  bool operator==(const DType& o) const;
  bool operator!=(const DType& o) const { return !(*this == o); }

 private:
  DTypeKind kind_ = DTypeKind::Float;
  std::uint64_t itemsize_ = 8;
  /// Shared, never modified: copying an array's dtype (every NdArray copy does) is then a
  /// reference count, not one allocation per field.
  std::shared_ptr<const std::vector<DTypeField>> fields_;
};

/// dtype of a C++ element type (double → '<f8', std::int64_t → '<i8', bool → '|b1', ...).
template <class T>
DType dtype_of();

/// Read-only bytes with a keep-alive owner (heap vector, memory map, archive buffer).
struct ByteView {
  std::shared_ptr<const void> owner;
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;

  static ByteView copy_of(const void* data, std::size_t size);
  static ByteView adopt(std::vector<std::uint8_t> bytes);
};

class NdArray {
 public:
  NdArray() = default;
  /// Throws NpyError if the byte size does not equal product(shape) × itemsize (checked).
  NdArray(DType dtype, std::vector<std::int64_t> shape, ByteView bytes);

  /// A C-ordered array from plain values.
  template <class T>
  static NdArray from_vector(const std::vector<T>& values, std::vector<std::int64_t> shape);
  template <class T>
  static NdArray from_vector(const std::vector<T>& values) {
    return from_vector(values, {static_cast<std::int64_t>(values.size())});
  }
  /// A '<U{n}' array (n = longest string in code points), UTF-8 in and out.
  static NdArray from_strings(const std::vector<std::string>& values, std::vector<std::int64_t> shape);

  const DType& dtype() const noexcept { return dtype_; }
  const std::vector<std::int64_t>& shape() const noexcept { return shape_; }
  std::size_t ndim() const noexcept { return shape_.size(); }
  /// Number of elements (1 for 0-d).
  std::uint64_t size() const noexcept { return size_; }
  std::size_t nbytes() const noexcept { return bytes_.size; }
  const std::uint8_t* bytes() const noexcept { return bytes_.data; }
  const ByteView& view() const noexcept { return bytes_; }
  /// Dimension i, or throws ValidationError.
  std::int64_t dim(std::size_t i) const;

  /// Typed pointer to the elements; throws UnsupportedError unless dtype == dtype_of<T>().
  template <class T>
  const T* data() const;
  /// Elements converted to T from any bool/int/uint/float dtype (exact for integers that fit);
  /// throws UnsupportedError for other dtypes.
  template <class T>
  std::vector<T> to_vector() const;
  /// Element i of a Unicode or Bytes array as UTF-8 (trailing NULs removed).
  std::string string_at(std::uint64_t i) const;
  std::vector<std::string> to_strings() const;

  bool is_numeric() const noexcept;
  /// Same dtype, shape and bytes.
  bool operator==(const NdArray& o) const;
  bool operator!=(const NdArray& o) const { return !(*this == o); }

 private:
  DType dtype_;
  std::vector<std::int64_t> shape_;
  std::uint64_t size_ = 0;
  ByteView bytes_;
};

}  // namespace skops

#include "skops/ndarray_inl.hpp"
