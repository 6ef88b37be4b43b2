#pragma once
// Template parts of ndarray.hpp.

#include <complex>
#include <cstring>

namespace skops {

namespace detail {
[[noreturn]] void throw_dtype_mismatch(const DType& have, const DType& want);
}  // namespace detail

/// IEEE half → double, exact (also declared in npy.hpp; defined in the core library).
double half_to_double(std::uint16_t h) noexcept;

template <class T>
DType dtype_of() {
  if constexpr (std::is_same_v<T, bool>) {
    return DType(DTypeKind::Bool, 1);
  } else if constexpr (std::is_same_v<T, std::complex<double>>) {
    return DType(DTypeKind::Complex, 16);
  } else if constexpr (std::is_same_v<T, std::complex<float>>) {
    return DType(DTypeKind::Complex, 8);
  } else if constexpr (std::is_floating_point_v<T>) {
    return DType(DTypeKind::Float, sizeof(T));
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    return DType(DTypeKind::Int, sizeof(T));
  } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>) {
    return DType(DTypeKind::UInt, sizeof(T));
  } else {
    static_assert(sizeof(T) == 0, "no numpy dtype for this type");
  }
}

template <class T>
NdArray NdArray::from_vector(const std::vector<T>& values, std::vector<std::int64_t> shape) {
  std::vector<std::uint8_t> bytes(values.size() * sizeof(T));
  if constexpr (std::is_same_v<T, bool>) {
    for (std::size_t i = 0; i < values.size(); ++i) bytes[i] = values[i] ? 1 : 0;
  } else if (!values.empty()) {
    std::memcpy(bytes.data(), values.data(), bytes.size());
  }
  return NdArray(dtype_of<T>(), std::move(shape), ByteView::adopt(std::move(bytes)));
}

template <class T>
const T* NdArray::data() const {
  static_assert(!std::is_same_v<T, bool>, "use data<std::uint8_t>() or to_vector<bool>()");
  const DType want = dtype_of<T>();
  if (!(dtype_ == want)) detail::throw_dtype_mismatch(dtype_, want);
  return reinterpret_cast<const T*>(bytes_.data);
}

template <class T>
std::vector<T> NdArray::to_vector() const {
  std::vector<T> out(static_cast<std::size_t>(size_));
  const std::uint8_t* p = bytes_.data;
  const std::size_t n = out.size();
  auto convert = [&](auto tag) {
    using S = decltype(tag);
    for (std::size_t i = 0; i < n; ++i) {
      S v;
      std::memcpy(&v, p + i * sizeof(S), sizeof(S));
      out[i] = static_cast<T>(v);
    }
  };
  const auto sz = dtype_.itemsize();
  switch (dtype_.kind()) {
    case DTypeKind::Bool:
      for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<T>(p[i] != 0);
      return out;
    case DTypeKind::Int:
      if (sz == 1) convert(std::int8_t{});
      else if (sz == 2) convert(std::int16_t{});
      else if (sz == 4) convert(std::int32_t{});
      else if (sz == 8) convert(std::int64_t{});
      else break;
      return out;
    case DTypeKind::UInt:
      if (sz == 1) convert(std::uint8_t{});
      else if (sz == 2) convert(std::uint16_t{});
      else if (sz == 4) convert(std::uint32_t{});
      else if (sz == 8) convert(std::uint64_t{});
      else break;
      return out;
    case DTypeKind::Float:
      if (sz == 2) {
        for (std::size_t i = 0; i < n; ++i) {
          std::uint16_t h;
          std::memcpy(&h, p + i * 2, 2);
          out[i] = static_cast<T>(half_to_double(h));
        }
      } else if (sz == 4) {
        convert(float{});
      } else if (sz == 8) {
        convert(double{});
      } else {
        break;
      }
      return out;
    default:
      break;
  }
  detail::throw_dtype_mismatch(dtype_, dtype_of<T>());
}

}  // namespace skops
